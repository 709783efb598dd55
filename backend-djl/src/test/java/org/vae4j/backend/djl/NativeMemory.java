package org.vae4j.backend.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set size from {@code /proc/self/status}, which covers libtorch's native heap. */
final class NativeMemory {
  private NativeMemory() {
  }

  /** VmRSS in MiB, or -1 where {@code /proc} is unavailable (not Linux). */
  static long residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
