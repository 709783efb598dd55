package org.vae4j.examples.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.examples.run.RunDirectoryException;

/**
 * A finished (or interrupted) run to continue or to use: its checkpoint and its {@link RunConfig}. A user
 * names it by the run folder or by the checkpoint file inside it.
 *
 * @param checkpoint the checkpoint file, which has been read and validated
 * @param config     the run's {@code run.json}
 * @param model      the model name stored in the checkpoint
 * @param epoch      the epoch the checkpoint is in, from 0: the epochs finished when {@code batchInEpoch} is 0
 * @param batchInEpoch batches of that epoch done (all of them in checkpoints written before vae4j wrote epoch-end
 *                   checkpoints after the epoch's evaluation)
 * @param step       steps done
 */
public record RunSource(Path checkpoint, RunConfig config, String model, int epoch, int batchInEpoch, long step) {
  /** The checkpoint's file name in a run folder. */
  public static final String CHECKPOINT = "model.safetensors";

  /**
   * Finds and checks the checkpoint and configuration {@code path} names.
   *
   * @param option the option that named it ({@code --resume}, {@code --run}), for messages
   * @throws RunDirectoryException with one line when the folder has no checkpoint or {@code run.json}, or
   *                               the checkpoint is damaged
   */
  public static RunSource locate(Path path, String option) {
    String what = option + " " + path;
    if (!Files.exists(path)) {
      throw new RunDirectoryException(what + " does not exist; give a run folder written by 'vae4j train' or the "
          + CHECKPOINT + " inside one");
    }
    Path file = checkpointFile(path);
    Path folder = file.toAbsolutePath().getParent();
    if (!Files.isRegularFile(file)) {
      throw new RunDirectoryException(what + " holds no " + CHECKPOINT + "; give a run folder written by 'vae4j "
          + "train' or its checkpoint file");
    }
    Checkpoint checkpoint = readCheckpoint(file, what);
    return new RunSource(file, RunConfig.read(folder, what), checkpoint.modelName(), checkpoint.epoch(),
        checkpoint.batchInEpoch(), checkpoint.step());
  }

  /**
   * A checkpoint file without {@code run.json} beside it, with the configuration its user gave.
   *
   * @throws RunDirectoryException when the file is missing or damaged, or a {@code run.json} is there after all
   *                               (then the model's options must not be given)
   */
  public static RunSource bare(Path path, RunConfig config, String option) {
    String what = option + " " + path;
    Path file = checkpointFile(path);
    if (!Files.isRegularFile(file)) {
      throw new RunDirectoryException(what + " holds no checkpoint file; give a model.safetensors");
    }
    if (Files.exists(file.toAbsolutePath().getParent().resolve(RunConfig.FILE))) {
      throw new RunDirectoryException(what + ": " + RunConfig.FILE + " lies beside the checkpoint and says what "
          + "the model is; leave out --model and the other model options");
    }
    Checkpoint checkpoint = readCheckpoint(file, what);
    return new RunSource(file, config, checkpoint.modelName(), checkpoint.epoch(), checkpoint.batchInEpoch(),
        checkpoint.step());
  }

  private static Path checkpointFile(Path path) {
    return Files.isDirectory(path) ? path.resolve(CHECKPOINT) : path;
  }

  private static Checkpoint readCheckpoint(Path file, String what) {
    try {
      return Checkpoint.read(file);
    } catch (IOException | RuntimeException e) {
      throw new RunDirectoryException(what + ": the checkpoint " + file + " is damaged or not a vae4j checkpoint ("
          + oneLine(e) + "); give an intact checkpoint or train afresh", e);
    }
  }

  /** Epochs the run has finished: its epoch, plus one when every batch of it is done. */
  public int epochsDone() {
    int trainSize = config.spec().trainSize();
    int stepsPerEpoch = (trainSize + config.batch() - 1) / config.batch();
    return epoch + (batchInEpoch >= stepsPerEpoch ? 1 : 0);
  }

  /** The run folder, which holds the checkpoint. */
  public Path folder() {
    return checkpoint.toAbsolutePath().getParent();
  }

  /**
   * Where the checkpoint is for a person, counting epochs from 1: {@code step 10, the end of epoch 2} or
   * {@code step 7 (epoch 2, 2 batches done)}.
   */
  public String position() {
    if (step == 0) {
      return "step 0, before the first step";
    }
    return batchInEpoch == 0 || epochsDone() > epoch ? "step " + step + ", the end of epoch " + epochsDone()
        : "step " + step + " (epoch " + (epoch + 1) + ", " + batchInEpoch + " batches done)";
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
