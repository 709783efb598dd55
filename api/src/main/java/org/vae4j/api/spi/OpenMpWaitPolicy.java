package org.vae4j.api.spi;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What a native backend does before it loads an OpenMP runtime, so that idle OpenMP threads sleep instead of
 * spinning. libtorch (backend-djl) and libnd4j with its OpenBLAS (backend-nd4j) each bring GNU OpenMP
 * (libgomp), which reads {@value #VARIABLE} once, in its library constructor, when the library is loaded. Left
 * unset, each waiting thread spins for up to a few milliseconds at every barrier; on a machine with any other
 * busy process, or with two OpenMP runtimes in one JVM, those spins take the cores the computing threads need,
 * and an epoch takes several times longer. Java cannot set its own environment, so a backend calls
 * {@link #applyThroughJna()} just before it loads its engine: the C library's {@code setenv} through JNA, which
 * the native backends bring (DJL depends on it anyway). This module stays JDK-only, so JNA is reached by
 * reflection, in {@link #jnaSetenv()} alone.
 *
 * <p>The value: {@value #VARIABLE} from the environment when set (never overwritten); else the system
 * property {@value #PROPERTY} ({@code PASSIVE}, {@code ACTIVE}, or {@value #KEEP} to leave libgomp's own
 * default); else {@value #DEFAULT}. With PASSIVE and the system property {@value #SPIN_PROPERTY} above 0,
 * vae4j also sets {@value #SPIN_VARIABLE} to it (unless the environment has that variable): a short spin before
 * sleeping, for long runs on an otherwise idle machine (see {@link #DEFAULT_SPIN_COUNT}). Applying is idempotent
 * and thread-safe. It cannot reach a libgomp that was loaded before the first backend started (by another
 * library in the same JVM); {@link #apply} says so.
 */
public final class OpenMpWaitPolicy {
  /** The environment variable libgomp (and LLVM's and Intel's OpenMP) read. */
  public static final String VARIABLE = "OMP_WAIT_POLICY";
  /** The system property that overrides vae4j's choice. */
  public static final String PROPERTY = "vae4j.omp.waitPolicy";
  /** The value of {@value #PROPERTY} that leaves the environment as it is. */
  public static final String KEEP = "keep";
  /** What vae4j sets when nothing else is asked for. */
  public static final String DEFAULT = "PASSIVE";
  /** libgomp's spin count before a waiting thread sleeps; when set it takes precedence over the policy. */
  public static final String SPIN_VARIABLE = "GOMP_SPINCOUNT";
  /** The system property that sets a spin count with PASSIVE (0, the default: sleep at once). */
  public static final String SPIN_PROPERTY = "vae4j.omp.spinCount";
  /**
   * No spin unless asked for. A short spin (30,000, about 0.3 ms by libgomp's estimate of 100,000 spins per
   * millisecond) keeps a thread team awake between the kernels of one step, which pays in a long run on an
   * otherwise idle machine and costs elsewhere: steady-state steps (StepAnatomy, after 80-500 warm-up steps) on
   * nd4j took 13.5-15.4 ms against 16.7-17.8 ms without it for the MLP VAE, 59-68 ms against 82-91 ms for the
   * PixelCNN prior, on djl 42-43 against 45-46 ms; but one epoch of the MLP VAE in a fresh JVM (the JIT's
   * threads busy) took 1.4-1.5 s against 1.2 s on djl and 3.1-3.5 s against 2.1-2.4 s on nd4j, and beside one
   * busy thread of another process 3.7-4.0 s against 1.5-1.6 s and 7.8-9.3 s against 2.4-2.6 s
   * ({@code OpenMpWaitBenchmark}, 2 cores).
   */
  public static final long DEFAULT_SPIN_COUNT = 0;

  private static String applied;

  /**
   * What {@link #apply} did.
   *
   * @param message one line for the backend's log
   * @param warning true when the policy could not be applied and the user should set the variable
   */
  public record Outcome(String message, boolean warning) {
  }

  /** The C library's {@code setenv(name, value, 0)}: returns 0 on success. */
  @FunctionalInterface
  public interface Setenv {
    /** Sets {@code name} to {@code value} in the process environment unless it is set already. */
    int setenv(String name, String value);
  }

  private OpenMpWaitPolicy() {
  }

  /**
   * {@link #apply} with the C library's {@code setenv} called through JNA; a JVM without JNA, or where the C
   * library cannot be reached, gets a warning outcome saying to set the variable instead.
   *
   * @throws IllegalArgumentException as {@link #apply} does
   */
  public static Outcome applyThroughJna() {
    Setenv setenv;
    try {
      setenv = jnaSetenv();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      return new Outcome("cannot call the C library's setenv through JNA (" + cause + "); set " + VARIABLE + "="
          + DEFAULT + " in the environment", true);
    }
    return apply(setenv);
  }

  /** {@code setenv(name, value, 0)} of the C library, by JNA's {@code NativeLibrary} and {@code Function}. */
  private static Setenv jnaSetenv() throws ReflectiveOperationException {
    Class<?> nativeLibrary = Class.forName("com.sun.jna.NativeLibrary");
    Object libc = nativeLibrary.getMethod("getInstance", String.class).invoke(null, "c");
    Object function = nativeLibrary.getMethod("getFunction", String.class).invoke(libc, "setenv");
    Method invokeInt = function.getClass().getMethod("invokeInt", Object[].class);
    return (name, value) -> {
      try {
        return (Integer) invokeInt.invoke(function, (Object) new Object[] {name, value, 0});
      } catch (ReflectiveOperationException e) {
        return -1;
      }
    };
  }

  /**
   * Sets {@value #VARIABLE} in the process environment as described above, unless already done.
   *
   * @param setenv the C library's {@code setenv}; not called when nothing is to be set
   * @return what was done and why, for the backend's log
   * @throws IllegalArgumentException when {@value #PROPERTY} holds something other than {@code PASSIVE},
   *                                  {@code ACTIVE} or {@value #KEEP}
   */
  public static synchronized Outcome apply(Setenv setenv) {
    return apply(setenv, System.getenv(), System.getProperty(PROPERTY), System.getProperty(SPIN_PROPERTY),
        Path.of("/proc/self/maps"));
  }

  static synchronized Outcome apply(Setenv setenv, Map<String, String> environment, String property,
      String spinProperty, Path maps) {
    if (applied != null) {
      return new Outcome(VARIABLE + "=" + applied + " was set by vae4j when the first native backend started", false);
    }
    String inherited = environment.get(VARIABLE);
    if (inherited != null) {
      return new Outcome(VARIABLE + "=" + inherited + " from the environment", false);
    }
    String value = chosen(property);
    if (value == null) {
      return new Outcome(VARIABLE + " left unset (-D" + PROPERTY + "=" + KEEP + "): libgomp's default, idle "
          + "threads spin", false);
    }
    if (openMpLoaded(maps)) {
      return new Outcome("an OpenMP runtime was loaded before vae4j's backend, so " + VARIABLE + " can no longer "
          + "take effect in it; set " + VARIABLE + "=" + value + " in the environment", true);
    }
    long spin = value.equals("PASSIVE") && !environment.containsKey(SPIN_VARIABLE) ? spinCount(spinProperty) : 0;
    int rc = setenv.setenv(VARIABLE, value);
    if (rc != 0) {
      return new Outcome("setenv(" + VARIABLE + ", " + value + ") failed with " + rc + "; set " + VARIABLE + "="
          + value + " in the environment instead", true);
    }
    applied = value;
    if (spin > 0) {
      int spinRc = setenv.setenv(SPIN_VARIABLE, Long.toString(spin));
      if (spinRc != 0) {
        return new Outcome(VARIABLE + "=" + applied + " set by vae4j, but setenv(" + SPIN_VARIABLE + ", " + spin
            + ") failed with " + spinRc + "; idle threads sleep at once", true);
      }
      applied += " and " + SPIN_VARIABLE + "=" + spin;
    }
    return new Outcome(VARIABLE + "=" + applied + " set by vae4j before loading the engine (-D" + PROPERTY
        + (value.equals("PASSIVE") ? ", -D" + SPIN_PROPERTY : "") + " to change)", false);
  }

  /** The spin count {@code property} asks for: {@value #DEFAULT_SPIN_COUNT} (none) when unset. */
  static long spinCount(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_SPIN_COUNT;
    }
    try {
      long n = Long.parseLong(property.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + SPIN_PROPERTY + "=" + property.trim() + ": give a whole number of "
        + "spins >= 0 (0, the default: idle threads sleep at once; 30000 spins about 0.3 ms)");
  }

  /** The value {@code property} asks for, or null for {@value #KEEP}. */
  static String chosen(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT;
    }
    String v = property.trim();
    if (v.equalsIgnoreCase(KEEP)) {
      return null;
    }
    String upper = v.toUpperCase(Locale.ROOT);
    if (!upper.equals("PASSIVE") && !upper.equals("ACTIVE")) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": give PASSIVE, ACTIVE or " + KEEP);
    }
    return upper;
  }

  /** True when the process already maps an OpenMP runtime (Linux); false where this cannot be told. */
  private static boolean openMpLoaded(Path maps) {
    try {
      return Files.isReadable(maps) && Files.readString(maps).contains("libgomp");
    } catch (IOException e) {
      return false;
    }
  }

  /** Forgets what was applied, for tests. */
  static synchronized void reset() {
    applied = null;
  }
}
