package org.vae4j.api;

import java.util.Locale;

/**
 * Where a tensor's memory lives: the host CPU or one accelerator. Parsed from the user's spelling
 * {@code cpu}, {@code gpu} (first GPU) or {@code gpu:1}.
 *
 * @param type  the kind of device
 * @param index the accelerator's index; 0 for the CPU
 */
public record Device(Type type, int index) {
  /** The host CPU. */
  public static final Device CPU = new Device(Type.CPU, 0);

  /** Kinds of device. */
  public enum Type { CPU, GPU }

  public Device {
    if (index < 0) {
      throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }
  }

  /** The GPU with the given index. */
  public static Device gpu(int index) {
    return new Device(Type.GPU, index);
  }

  /**
   * Parses {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive; {@code cuda} is a synonym of
   * {@code gpu}).
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Device parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("cuda", "gpu");
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("gpu")) {
      return gpu(0);
    }
    if (t.startsWith("gpu:")) {
      try {
        return gpu(Integer.parseInt(t.substring(4)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("device '" + text + "' is not one of: cpu, gpu, gpu:N (N = 0, 1, ...)");
  }

  /** {@code cpu} or {@code gpu:N}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return type == Type.CPU ? "cpu" : "gpu:" + index;
  }
}
