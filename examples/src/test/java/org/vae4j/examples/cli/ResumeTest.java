package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Shape;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.checkpoint.SafeTensorsWriter;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.RunConfig;

/**
 * {@code vae4j train --resume} and the runs that go wrong: what a resumed run keeps, what it refuses (a finished
 * run, conflicting options, a checkpoint that does not fit, holds NaN or was damaged), and what a diverging
 * run leaves behind. Every refusal is one line, exit code 2, and leaves no run folder.
 */
class ResumeTest {
  @TempDir
  static Path shared;
  /** A vae run of 2 epochs of 2 steps: 100 images in batches of 50. */
  private static Path run;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  @BeforeAll
  static void trainTwoEpochs() {
    run = shared.resolve("run");
    Cli c = new Cli();
    assertThat(c.run("train", "vae", "--backend", "pure", "--epochs", "2", "--limit", "100", "--batch", "50",
        "--hidden", "16", "--ll-images", "0", "--out", run.toString())).as(c.err()).isZero();
  }

  private void assertRefused(String expected, String... args) {
    assertThat(cli.run(args)).as(cli.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo("vae4j: " + expected + System.lineSeparator());
  }

  private static String[] resume(Path from, Path out, String... more) {
    return Stream.concat(Stream.of("train", "vae", "--backend", "pure", "--resume", from.toString(), "--out",
        out.toString()), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void aRunThatHasDoneTheEpochsAskedForIsRefused() {
    Path out = dir.resolve("more");
    for (String epochs : List.of("1", "2")) {
      assertRefused("--resume " + run + ": the run has finished 2 epochs and --epochs " + epochs + " asks for no"
          + " more; give --epochs above 2 (the total, counting the epochs done)", resume(run, out, "--epochs", epochs));
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void optionsThatConflictWithTheRunAreRefusedNamingBothValues() {
    Path out = dir.resolve("other");
    assertRefused("--resume " + run + ": --data fashion-mnist, --batch 64 and --latent 2 conflict with the run's data"
        + " mnist-10k, batch 50 and latent 20 (" + run.toAbsolutePath().resolve("run.json") + "); leave them out to"
        + " continue the run as it was, or start a new run without --resume",
        resume(run, out, "--epochs", "3", "--latent", "2", "--batch", "64", "--lr", "0.5", "--data", "fashion-mnist"));
    assertRefused("--resume " + run + ": model cvae conflicts with the run's model vae (" + run.toAbsolutePath()
        .resolve("run.json") + "); leave it out to continue the run as it was, or start a new run without --resume",
        "train", "cvae", "--resume", run.toString(), "--epochs", "3", "--out", out.toString());
    assertThat(out).doesNotExist();
  }

  @Test
  void optionsThatMatchTheRunOrMayChangeAreTaken() {
    Path out = dir.resolve("on");
    assertThat(cli.run(resume(run, out, "--epochs", "3", "--latent", "20", "--batch", "50", "--hidden", "16",
        "--lr", "0.002", "--clip-grad-norm", "5", "--skip-non-finite"))).as(cli.err()).isZero();
    RunConfig before = RunConfig.read(run, "test");
    RunConfig after = RunConfig.read(out, "test");
    assertThat(after.spec()).isEqualTo(before.spec());
    assertThat(after.batch()).isEqualTo(50);
    assertThat(after.lr()).isEqualTo(0.002);
    assertThat(after.clipGradNorm()).isEqualTo(5.0);
    assertThat(after.skipNonFinite()).isTrue();

    Path again = dir.resolve("again");
    assertThat(cli.run(resume(out, again, "--epochs", "4", "--no-skip-non-finite"))).as(cli.err()).isZero();
    RunConfig last = RunConfig.read(again, "test");
    assertThat(last.lr()).as("the run's own rate goes on").isEqualTo(0.002);
    assertThat(last.clipGradNorm()).isEqualTo(5.0);
    assertThat(last.skipNonFinite()).isFalse();
  }

  @Test
  void aCheckpointThatDoesNotFitItsRunJsonIsRefused() throws IOException {
    Path odd = Files.createDirectory(dir.resolve("odd"));
    Files.copy(run.resolve("model.safetensors"), odd.resolve("model.safetensors"));
    Files.writeString(odd.resolve("run.json"), Files.readString(run.resolve("run.json"))
        .replace("\"latent\": 20", "\"latent\": 5"));
    Path out = dir.resolve("out");
    assertRefused("--resume " + odd + ": checkpoint " + odd.resolve("model.safetensors") + ": does not fit the model"
        + " (saved from 'vae-mlp' data=(784) hidden=[16] latent=20 activation=relu likelihood=bernoulli) (3 problems):"
        + " parameter 'encoder.3.weight' is FLOAT32 (40, 16) in the checkpoint but FLOAT32 (10, 16) in the model;"
        + " parameter 'encoder.3.bias' is FLOAT32 (40) in the checkpoint but FLOAT32 (10) in the model; parameter"
        + " 'decoder.0.weight' is FLOAT32 (16, 20) in the checkpoint but FLOAT32 (16, 5) in the model",
        resume(odd, out, "--epochs", "3"));
    assertThat(out).doesNotExist();
  }

  @Test
  void aCheckpointHoldingNaNIsRefusedNamingTheFileAndTheTensor() throws IOException {
    Path diverged = Files.createDirectory(dir.resolve("diverged"));
    Files.copy(run.resolve("run.json"), diverged.resolve("run.json"));
    Checkpoint c = Checkpoint.read(run.resolve("model.safetensors"));
    Map<String, HostTensor> tensors = new LinkedHashMap<>(c.tensors());
    float[] bias = tensors.get("decoder.2.bias").toFloatArray();
    bias[3] = Float.NaN;
    tensors.put("decoder.2.bias", HostTensor.ofFloats(bias, Shape.of(bias.length)));
    Path file = diverged.resolve("model.safetensors");
    SafeTensorsWriter.write(file, tensors, c.metadata());
    String problem = "checkpoint " + file + ": parameter 'decoder.2.bias' holds 1 non-finite value (the first, NaN, at"
        + " flat index 3 of (784)): it was saved from a run that had diverged; load an earlier checkpoint or train"
        + " afresh";
    assertRefused("--run " + diverged + ": " + problem, "sample", "--run", diverged.toString(), "--backend", "pure",
        "--out", dir.resolve("s.png").toString());
    assertThat(dir.resolve("s.png")).doesNotExist();
    Path out = dir.resolve("out");
    assertRefused("--resume " + diverged + ": " + problem, resume(diverged, out, "--epochs", "3"));
    assertThat(out).doesNotExist();
  }

  @Test
  void aFlippedBitInACheckpointIsRefusedNamingTheTensor() throws IOException {
    Path flipped = Files.createDirectory(dir.resolve("flipped"));
    Files.copy(run.resolve("run.json"), flipped.resolve("run.json"));
    byte[] bytes = Files.readAllBytes(run.resolve("model.safetensors"));
    bytes[bytes.length - 3] ^= 0x04;
    Path file = Files.write(flipped.resolve("model.safetensors"), bytes);
    assertThat(cli.run("sample", "--run", flipped.toString(), "--out", dir.resolve("s.png").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("vae4j: --run " + flipped + ": the checkpoint " + file + " is damaged or not a"
        + " vae4j checkpoint (checkpoint " + file + ": corrupt: the data of tensor '")
        .contains("' fails its CRC32C check (recorded ")
        .endsWith("): the file changed after it was written); give an intact checkpoint or train afresh"
            + System.lineSeparator()).hasLineCount(1);
  }

  @Test
  void aResumedRunThatDivergesNamesTheCheckpointItResumedFrom() {
    Path out = dir.resolve("diverging");
    // step 5 overflows the weights, step 6's loss is NaN
    assertRefused("training stopped at step 6 (epoch 3 of 4, batch 2 of 2): the loss is NaN. No checkpoint was written"
        + " in this run; " + run.resolve("model.safetensors") + ", which it resumed from, holds step 4, the end of"
        + " epoch 2 of 4 and was left as it was; the run folder " + out + " was removed. Lower --lr (it is 1e+308),"
        + " clip the gradients with --clip-grad-norm (e.g. 1.0) or skip such steps with --skip-non-finite",
        resume(run, out, "--epochs", "4", "--lr", "1e308"));
    assertThat(out).doesNotExist();
  }

  @Test
  void aRunThatDivergesAfterItsFirstCheckpointKeepsItsFolderAndSaysHowToGoOn() throws IOException {
    Cli nan = new Cli(new CommandContext(ModelRecipes.of(new NanAtStepRecipe(4)), new Datasets()));
    Path out = dir.resolve("nan");
    int code = nan.run("train", "nan-vae", "--backend", "pure", "--epochs", "3", "--limit", "100", "--batch", "50",
        "--hidden", "16", "--ll-images", "0", "--out", out.toString());
    assertThat(code).as(nan.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(nan.err()).isEqualTo("vae4j: training stopped at step 4 (epoch 2 of 3, batch 2 of 2): the loss is NaN."
        + " The last checkpoint, " + out.resolve("model.safetensors") + ", holds step 2, the end of epoch 1 of 3 and"
        + " was left as it was: continue from it with 'vae4j train nan-vae --resume " + out + " --epochs 3 --out <new"
        + " folder>' and one of these. Lower --lr (it is 0.001), clip the gradients with --clip-grad-norm (e.g. 1.0)"
        + " or skip such steps with --skip-non-finite" + System.lineSeparator());
    assertThat(Checkpoint.read(out.resolve("model.safetensors")).step()).isEqualTo(2);
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(2);
    assertThat(out.resolve(".vae4j-run.lock")).as("released").doesNotExist();
  }
}
