package org.vae4j.spark.score;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSource;
import org.vae4j.spark.SparkInputException;
import org.vae4j.spark.bridge.ExamplesAdapter;

/**
 * A trained model as it travels to the executors in a broadcast: the run's {@code run.json} and its
 * checkpoint as safetensors bytes, named by their SHA-256 so that each executor JVM builds the model once
 * ({@link ExecutorModels}), and the backend to build it on. Immutable.
 *
 * @param runJson    the text of {@code run.json}
 * @param checkpoint the bytes of {@code model.safetensors}
 * @param checksum   SHA-256 of both, hex
 * @param kind       the model's kind ({@code vae}, {@code vqvae}, {@code bnn}, ...)
 * @param pixels     values per input image
 * @param backend    the executors' backend, or null for their default
 * @param device     the device, or null for the backend's default
 */
public record ModelPackage(String runJson, byte[] checkpoint, String checksum, String kind, int pixels,
    String backend, String device) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Reads the run folder (or checkpoint) {@code run} on the driver.
   *
   * @throws org.vae4j.examples.run.RunDirectoryException when the run is missing, incomplete or its checkpoint is
   *                                                      damaged
   * @throws SparkInputException                          when its model cannot be scored
   */
  public static ModelPackage of(Path run, String backend, String device) {
    RunSource source = ExamplesAdapter.locate(run, "--run");
    RunConfig config = source.config();
    String kind = config.spec().kind();
    if (kind.equals("pixelcnn")) {
      throw new SparkInputException("--run " + run + " is a pixelcnn prior, which has no per-image scores; score "
          + "the vqvae run it models (" + config.spec().parent() + ") for its code indices");
    }
    try {
      Path folder = source.checkpoint().toAbsolutePath().getParent();
      String json = Files.readString(folder.resolve(RunConfig.FILE), StandardCharsets.UTF_8);
      byte[] bytes = Files.readAllBytes(source.checkpoint());
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(json.getBytes(StandardCharsets.UTF_8));
      sha.update(bytes);
      String checksum = HexFormat.of().formatHex(sha.digest());
      int pixels = ExamplesAdapter.recipe(kind).exampleShape(config.spec()).sizeAsInt();
      return new ModelPackage(json, bytes, checksum, kind, pixels, backend, device);
    } catch (IOException e) {
      throw new UncheckedIOException("--run " + run + ": cannot read it: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
