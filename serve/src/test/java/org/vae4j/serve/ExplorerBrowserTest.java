package org.vae4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.vae4j.api.TensorFactory;
import org.vae4j.models.Vae;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModels;

/**
 * The explorer page in a real browser: Debian's headless chromium (through its chromedriver) loads it from a
 * running server with a trained 2-D VAE, and the tests move a slider, click the latent map and upload an
 * image, each time checking that the decoded image changed. One server and one browser serve every test.
 * A screenshot is left in {@code target/explorer.png}.
 *
 * <p>Without chromium the tests are skipped, except under CI (environment variable {@code CI} set), where
 * {@code .ci/run} installs it and its absence is a failure.
 */
class ExplorerBrowserTest {
  private static Vae vae;
  private static ServeServer server;
  private static Chromium chromium;

  @BeforeAll
  static void open() {
    if (System.getenv("CI") == null) {
      assumeTrue(Chromium.installed(), "chromium and chromedriver are not installed (apt-get install chromium "
          + "chromium-driver)");
    }
    assertThat(Chromium.installed()).as("CI must have chromium and chromium-driver (.ci/run installs them)").isTrue();
    TensorFactory f = Fixtures.tensors("pure");
    vae = Fixtures.trainedVae(f);
    Rows examples = Fixtures.discs(12, 11);
    server = ServeServer.start(ServedModels.of(vae, Fixtures.info("vae"), 0), examples, ServeOptions.defaults());
    chromium = new Chromium(1200, 2200);
    chromium.openExplorer(server.uri().toString());
  }

  @AfterAll
  static void close() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
    if (vae != null) {
      vae.close();
    }
  }

  private static String image(String canvasId) {
    return chromium.image(canvasId);
  }

  private static void waitFor(String what, Supplier<Boolean> condition) {
    chromium.waitFor(what, condition);
  }

  @Test
  void movingASliderDecodesANewImage() {
    String before = image("slider-output");
    WebElement slider = chromium.driver.findElement(By.id("z0"));
    for (int i = 0; i < 30; i++) {
      slider.sendKeys(Keys.ARROW_RIGHT);
    }
    assertThat(Double.parseDouble(slider.getDomProperty("value"))).isGreaterThan(1.0);
    waitFor("the slider image to change", () -> !image("slider-output").equals(before));
  }

  @Test
  void clickingTheMapDecodesThatPoint() {
    String before = image("map-output");
    WebElement map = chromium.driver.findElement(By.id("map"));
    new Actions(chromium.driver).moveToElement(map, -120, 130).click().perform();   // offsets from the centre
    waitFor("the map image to change", () -> !image("map-output").equals(before));
    double z1 = Double.parseDouble(chromium.driver.findElement(By.id("z0")).getDomProperty("value"));
    double z2 = Double.parseDouble(chromium.driver.findElement(By.id("z1")).getDomProperty("value"));
    assertThat(z1).isNegative();
    assertThat(z2).isNegative();
  }

  @Test
  void uploadingAnImageShowsItsReconstructionCodeAndScore() throws IOException {
    String before = image("drawn-recon");
    Path png = Files.createTempFile("vae4j-disc-", ".png");
    try {
      Rows disc = Fixtures.discs(1, 5);
      var img = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      for (int i = 0; i < Fixtures.PIXELS; i++) {
        img.getRaster().setSample(i % 28, i / 28, 0, Math.round(disc.values()[i] * 255));
      }
      javax.imageio.ImageIO.write(img, "png", png.toFile());
      chromium.driver.findElement(By.id("upload")).sendKeys(png.toAbsolutePath().toString());
      waitFor("the reconstruction", () -> !image("drawn-recon").equals(before));
      waitFor("the score", () -> chromium.driver.findElement(By.id("score")).getText().contains("nats"));
      assertThat(chromium.driver.findElement(By.id("code")).getText()).contains("z1 =", "z2 =");
      assertThat(chromium.driver.findElement(By.id("score")).getText()).contains("negative ELBO", "log p(x)");
    } finally {
      Files.deleteIfExists(png);
    }
  }

  @Test
  void interpolationAndSamplesAreShownAndAScreenshotIsTaken() throws IOException {
    waitFor("the interpolation strip", () -> chromium.driver.findElements(By.cssSelector("#interpolation canvas")).size() == 10);
    assertThat(chromium.driver.findElements(By.cssSelector("#samples canvas"))).hasSize(16);
    assertThat(chromium.driver.findElement(By.id("status")).getText()).isEmpty();
    Path shot = Path.of("target", "explorer.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, chromium.driver.getScreenshotAs(OutputType.BYTES));
    assertThat(shot).isNotEmptyFile();
  }
}
