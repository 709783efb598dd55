package org.vae4j.serve.model;

/**
 * What the service says about a model beyond its API: its kind ({@code vae}, {@code cvae}, ...), a short
 * description and the size of the images it reads and writes.
 */
public record ModelInfo(String kind, String description, int rows, int cols) {
  public ModelInfo {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("ModelInfo: image size " + rows + "x" + cols + " must be positive");
    }
  }
}
