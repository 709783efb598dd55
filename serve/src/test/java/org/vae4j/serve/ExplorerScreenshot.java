package org.vae4j.serve;

import com.google.gson.JsonArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.interactions.Actions;

/**
 * Takes the README's screenshot of the explorer page of a running {@code vae4j serve} (a 2-D model with
 * test images): clicks the latent map, uploads the fourth test image, and saves the page as a PNG.
 *
 * <pre>{@code
 * ./vae4j train vae --latent 2 --out runs/vae2d
 * ./vae4j serve --run runs/vae2d --port 8080 &
 * mvn -B -q -pl serve -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
 *     -Dmdep.includeScope=test
 * java -cp serve/target/test-classes:serve/target/classes:$(cat serve/target/bench.cp) \
 *     org.vae4j.serve.ExplorerScreenshot http://127.0.0.1:8080/ docs/explorer.png
 * }</pre>
 */
public final class ExplorerScreenshot {
  private ExplorerScreenshot() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ExplorerScreenshot <server url> <out.png>");
      System.exit(2);
    }
    URI server = URI.create(args[0]);
    JsonArray examples = new Http(server, null).get("/examples").json().getAsJsonArray("images");
    Path upload = Files.createTempFile("vae4j-upload-", ".png");
    try (Chromium chromium = new Chromium(1200, 2000)) {
      BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      JsonArray pixels = examples.get(3).getAsJsonArray();
      for (int i = 0; i < pixels.size(); i++) {
        img.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels.get(i).getAsFloat() * 255));
      }
      ImageIO.write(img, "png", upload.toFile());
      chromium.openExplorer(server.toString());
      new Actions(chromium.driver).moveToElement(chromium.driver.findElement(By.id("map")), 60, -40).click()
          .perform();
      chromium.driver.findElement(By.id("upload")).sendKeys(upload.toAbsolutePath().toString());
      chromium.waitFor("the score", () -> chromium.driver.findElement(By.id("score")).getText().contains("nats"));
      Files.write(Path.of(args[1]), chromium.driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      Files.deleteIfExists(upload);
    }
    System.out.println("wrote " + Path.of(args[1]).toAbsolutePath());
  }
}
