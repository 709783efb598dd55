package org.vae4j.examples.train;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vae4j.examples.io.AtomicFiles;
import org.vae4j.examples.run.RunDirectoryException;

/**
 * What a run was asked to train ({@code run.json} in its folder): the model's architecture, the data and
 * how it was prepared, and the optimisation settings. {@code sample}, {@code reconstruct}, {@code encode} and
 * {@code train --resume} rebuild the model from it; a resumed run keeps all of it except what
 * {@link ResumeRules} lets change (the learning rate and the handling of non-finite steps).
 *
 * @param spec     the model's architecture
 * @param data     the {@code --data} value
 * @param binarize whether the images were dynamically binarised
 * @param limit    the {@code --limit} value (0: every image)
 * @param seed     the run's seed
 * @param batch    the batch size
 * @param lr       Adam's learning rate
 * @param clipGradNorm the gradients' largest global norm, 0 for no clipping (0 in files written before it was
 *                 recorded)
 * @param skipNonFinite whether steps with a non-finite loss or gradient are skipped
 */
public record RunConfig(ModelSpec spec, String data, boolean binarize, int limit, long seed, int batch, double lr,
    double clipGradNorm, boolean skipNonFinite) {
  /** The file name in a run folder. */
  public static final String FILE = "run.json";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
      .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

  /** Writes {@code run.json} into {@code folder}, atomically. */
  public void write(Path folder) {
    AtomicFiles.write(folder.resolve(FILE), (GSON.toJson(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the {@code run.json} of a run folder.
   *
   * @param what how the user named the folder, for messages (e.g. {@code --run runs/vae-1})
   * @throws RunDirectoryException with one line naming the file and the fix when it is missing or unreadable
   */
  public static RunConfig read(Path folder, String what) {
    Path file = folder.resolve(FILE);
    try {
      RunConfig c = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunConfig.class);
      if (c == null || c.spec() == null || c.data() == null) {
        throw new JsonParseException("fields spec and data are missing");
      }
      return c;
    } catch (NoSuchFileException e) {
      throw new RunDirectoryException(what + ": " + file + " is missing; give a run folder written by 'vae4j "
          + "train' (or a checkpoint inside one)", e);
    } catch (IOException | JsonParseException | IllegalArgumentException e) {
      throw new RunDirectoryException(what + ": " + file + " cannot be read (" + e.getMessage().strip()
          + "); give a run folder written by 'vae4j train'", e);
    }
  }
}
