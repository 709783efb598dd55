package org.vae4j.serve.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The explorer page's files, read once from the jar ({@code org/vae4j/serve/explorer/}). Only these fixed
 * paths are served: nothing a client names is ever looked up on the disk or the class path.
 */
final class StaticAssets {
  /** A file's bytes and content type. */
  record Asset(byte[] bytes, String contentType) {
  }

  private static final String ROOT = "/org/vae4j/serve/explorer/";
  private final Map<String, Asset> assets;

  StaticAssets() {
    assets = Map.of(
        "/", load("index.html", "text/html; charset=utf-8"),
        "/explorer.js", load("explorer.js", "text/javascript; charset=utf-8"),
        "/explorer.css", load("explorer.css", "text/css; charset=utf-8"));
  }

  /** The asset at {@code path}, or null. */
  Asset get(String path) {
    return assets.get(path);
  }

  private static Asset load(String name, String type) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + ROOT + name + "; rebuild vae4j-serve");
      }
      return new Asset(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + name, e);
    }
  }
}
