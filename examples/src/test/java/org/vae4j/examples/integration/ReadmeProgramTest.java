package org.vae4j.examples.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program of the README's "Programming with vae4j", exactly as printed there: compiled against the
 * library, run for one epoch in its own JVM on the embedded MNIST subset, and checked to train, evaluate,
 * save a checkpoint and reload it to the same test loss.
 */
class ReadmeProgramTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path MNIST = Path.of("src/main/resources/org/vae4j/examples/data/mnist-10k");

  @TempDir
  Path dir;

  /** The first {@code java} block after the heading {@code ## Programming with vae4j}. */
  static String readmeProgram() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Programming with vae4j\n");
    assertThat(section).as("README section 'Programming with vae4j'").isPositive();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    int end = readme.indexOf("\n```", start);
    return readme.substring(start, end + 1);
  }

  @Test
  void theReadmeProgramCompilesTrainsEvaluatesSavesAndReloads() throws Exception {
    String program = readmeProgram();
    Matcher name = Pattern.compile("public class (\\w+)").matcher(program);
    assertThat(name.find()).as("the README program declares a public class").isTrue();
    Path source = Files.writeString(dir.resolve(name.group(1) + ".java"), program);
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", dir.toString(), "-cp", classPath, source.toString());
    assertThat(compiled).as("javac of the README program").isZero();

    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", dir + java.io.File.pathSeparator + classPath, name.group(1), MNIST.toAbsolutePath().toString(), "1")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(output).isZero();
    System.out.print("ReadmeProgramTest: the README program printed:\n" + output);

    Matcher epoch = Pattern.compile("epoch 1: train loss ([\\d.]+), test loss ([\\d.]+) nats").matcher(output);
    assertThat(epoch.find()).as(output).isTrue();
    Matcher reloaded = Pattern.compile("vae.safetensors reloaded: test loss ([\\d.]+) nats, log p\\(x\\) (-[\\d.]+) "
        + "nats \\(k = 100, 200 test images\\)").matcher(output);
    assertThat(reloaded.find()).as(output).isTrue();
    double trainLoss = Double.parseDouble(epoch.group(1));
    double testLoss = Double.parseDouble(epoch.group(2));
    assertThat(trainLoss).as("one epoch from 543 nats untrained").isBetween(120.0, 320.0);
    assertThat(testLoss).isBetween(100.0, 200.0);
    assertThat(reloaded.group(1)).as("the reloaded model's test loss").isEqualTo(epoch.group(2));
    assertThat(Double.parseDouble(reloaded.group(2))).as("log p(x)").isBetween(-testLoss - 20, -50.0);
    assertThat(dir.resolve("vae.safetensors")).isNotEmptyFile();
    assertThat(output).containsPattern("(pure|nd4j|djl) \\((cpu|gpu:\\d+)\\): mnist-10k train \\(9000 images");
  }
}
