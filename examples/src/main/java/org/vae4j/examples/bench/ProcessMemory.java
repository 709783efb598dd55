package org.vae4j.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory figures of {@code vae4j bench}: the Java heap's peak (from the heap pools, resettable) and the
 * process's resident set (Linux {@code /proc/self/status}: {@code VmRSS} now, {@code VmHWM} its peak, which
 * writing {@code 5} to {@code /proc/self/clear_refs} resets). Resident memory includes native buffers (ND4J,
 * PyTorch) that the heap figure misses. Values are -1 where the platform does not provide them. Stateless.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ProcessMemory() {
  }

  /** Collects garbage and starts new peaks for the heap pools and, where Linux allows it, for VmHWM. */
  public static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
    try {
      Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // the peak then covers the whole process so far; peakResidentBytes says so by being unchanged
    }
  }

  /** The sum of the heap pools' peaks since the last reset (at least the true peak of the heap). */
  public static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Collects garbage, then the Java heap in use: what the live objects hold. */
  public static long heapAfterGcBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The process's peak resident set since the last reset ({@code VmHWM}), or -1 off Linux. */
  public static long peakResidentBytes() {
    return bytes(statusKilobytes("VmHWM:"));
  }

  /** The process's resident set now ({@code VmRSS}), or -1 off Linux. */
  public static long residentBytes() {
    return bytes(statusKilobytes("VmRSS:"));
  }

  private static long bytes(long kilobytes) {
    return kilobytes < 0 ? -1 : kilobytes * 1024;
  }

  private static long statusKilobytes(String key) {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | NumberFormatException | SecurityException e) {
      return -1;
    }
    return -1;
  }
}
