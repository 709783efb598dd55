package org.vae4j.serve;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its chromedriver (Selenium finds no browser of its own and
 * downloads nothing): a fresh profile per session, removed on close.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  final ChromeDriver driver;
  private final Path profile;

  Chromium(int width, int height) {
    try {
      profile = Files.createTempDirectory("vae4j-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toString());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /** True when both programs are installed. */
  static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
  }

  /** Opens the explorer at {@code url} and waits until it has drawn everything. */
  void openExplorer(String url) {
    driver.get(url);
    waitFor("the page to load", () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute(
        "data-ready")));
  }

  /** The PNG data URL of a canvas. */
  String image(String canvasId) {
    return (String) ((JavascriptExecutor) driver).executeScript(
        "return document.getElementById(arguments[0]).toDataURL();", canvasId);
  }

  /** Polls {@code condition} for up to 30 s; fails with the page's status line. */
  void waitFor(String what, Supplier<Boolean> condition) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        String status = driver.findElement(By.id("status")).getText();
        throw new AssertionError("waited 30 s for " + what + "; the page's status line says: " + status);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
