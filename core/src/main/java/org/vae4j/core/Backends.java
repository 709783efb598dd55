package org.vae4j.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.Kernels;

/**
 * Finds backends with {@link ServiceLoader} and selects one.
 *
 * <p>Selection, in order: the system property {@code vae4j.backend}, the environment variable
 * {@code VAE4J_BACKEND}, else the provider of highest priority that starts. A named backend that is
 * unknown or fails to start is an error (never silently replaced); when choosing by priority, a provider
 * that fails is logged and skipped. The device comes from {@code vae4j.device} / {@code VAE4J_DEVICE}
 * ({@code cpu}, {@code gpu}, {@code gpu:1}), else the backend's default. {@link #kernels(String, Device)}
 * applies the same rules to a name and device given in code (a command line's options).
 *
 * <p>A provider built for another version of the backend SPI ({@link BackendProvider#SPI_VERSION}) fails to
 * start with a message naming both versions, instead of failing later with a linkage error.
 *
 * <p>Backends are created once and cached for the life of the JVM. Thread-safe.
 */
public final class Backends {
  /** Every backend vae4j ships, for error messages: name and Maven artifact. */
  static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
      "pure", "org.vae4j:vae4j-backend-pure (plain Java, no native code)",
      "nd4j", "org.vae4j:vae4j-backend-nd4j (ND4J native CPU)",
      "djl", "org.vae4j:vae4j-backend-djl (PyTorch through DJL, CPU or CUDA)");

  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
  private static final Map<String, Object> CREATED = new LinkedHashMap<>();
  private static volatile Kernels defaultKernels;

  private Backends() {
  }

  /** Providers on the class path, highest priority first. Loads no native code. */
  public static synchronized List<BackendProvider> providers() {
    List<BackendProvider> found = new ArrayList<>();
    ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class);
    var it = loader.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        LOG.warn("vae4j: a backend provider could not be loaded: {}", e.getMessage());
      }
    }
    found.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
    return found;
  }

  /**
   * The backend called {@code name}, created on first use.
   *
   * @throws BackendSelectionException naming the backends found when none has that name, or saying why it
   *     failed to start
   */
  public static synchronized Backend get(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    Object cached = CREATED.get(key);
    if (cached instanceof Backend b) {
      return b;
    }
    if (cached instanceof RuntimeException failure) {
      throw new BackendSelectionException("backend '" + key + "' failed to start: " + failure.getMessage(), failure);
    }
    List<BackendProvider> providers = providers();
    for (BackendProvider p : providers) {
      if (p.name().equals(key)) {
        return create(p);
      }
    }
    throw new BackendSelectionException("backend '" + name + "' is not on the class path. Found: "
        + names(providers) + ". " + howToAdd(key), null);
  }

  /** The backend the selection rules pick. */
  public static Backend selected() {
    String asked = requested("vae4j.backend", "VAE4J_BACKEND");
    if (asked != null) {
      return get(asked);
    }
    List<BackendProvider> providers = providers();
    StringBuilder failures = new StringBuilder();
    RuntimeException last = null;
    for (BackendProvider p : providers) {
      try {
        return create(p);
      } catch (RuntimeException e) {
        LOG.warn("vae4j: backend '{}' failed to start and is skipped: {}", p.name(), e.getMessage());
        failures.append("\n  ").append(p.name()).append(": ").append(e.getMessage());
        last = e;
      }
    }
    if (providers.isEmpty()) {
      throw new BackendSelectionException("no vae4j backend on the class path. Add one of these artifacts: "
          + String.join("; ", KNOWN_ARTIFACTS.values()), null);
    }
    throw new BackendSelectionException("every vae4j backend found failed to start:" + failures
        + "\nFix the cause above, or add org.vae4j:vae4j-backend-pure, which needs no native code.", last);
  }

  /** The kernels of the selected backend on the selected device; cached after the first call. */
  public static Kernels defaultKernels() {
    Kernels k = defaultKernels;
    if (k == null) {
      synchronized (Backends.class) {
        if (defaultKernels == null) {
          defaultKernels = kernels(null, null);
        }
        k = defaultKernels;
      }
    }
    return k;
  }

  /**
   * The kernels of backend {@code name} on {@code device}, with the selection rules for what is not given:
   * a null name selects as {@link #selected()} does, a null device is the one {@code vae4j.device} /
   * {@code VAE4J_DEVICE} names, else the backend's default. Does not change {@link #defaultKernels()}.
   *
   * @throws BackendSelectionException when the backend is unknown or fails to start (naming what was found),
   *     or lacks the device (naming the devices it has)
   */
  public static Kernels kernels(String name, Device device) {
    Backend b = name == null ? selected() : get(name);
    Device d = device;
    if (d == null) {
      String asked = requested("vae4j.device", "VAE4J_DEVICE");
      d = asked == null ? b.defaultDevice() : Device.parse(asked);
    }
    if (!b.devices().contains(d)) {
      throw new BackendSelectionException("device " + d + ": backend '" + b.name() + "' has the devices "
          + b.devices() + "; choose one of them", null);
    }
    return b.kernels(d);
  }

  /** Forgets the cached default kernels, so the next call re-reads the properties. For tests and tools. */
  public static synchronized void resetDefault() {
    defaultKernels = null;
  }

  /** What was found, priorities, devices and failures, for a person to read. */
  public static synchronized String describe() {
    StringBuilder b = new StringBuilder();
    List<BackendProvider> providers = providers();
    if (providers.isEmpty()) {
      return "No vae4j backend on the class path. Add one of: " + String.join("; ", KNOWN_ARTIFACTS.values());
    }
    String asked = requested("vae4j.backend", "VAE4J_BACKEND");
    b.append(String.format("%-6s %-8s %-8s %s%n", "name", "priority", "status", "details"));
    for (BackendProvider p : providers) {
      String status;
      String details;
      try {
        Backend backend = create(p);
        status = "ok";
        details = backend.describe() + "; devices " + backend.devices() + ", default " + backend.defaultDevice()
            + "; capabilities " + backend.capabilities();
      } catch (RuntimeException e) {
        status = "FAILED";
        details = e.getMessage();
      }
      b.append(String.format("%-6s %-8d %-8s %s%n", p.name(), p.priority(), status, details));
    }
    b.append(asked != null ? "Selected by request: " + asked : "Selected by priority: the first 'ok' above")
        .append(System.lineSeparator());
    return b.toString();
  }

  private static synchronized Backend create(BackendProvider p) {
    Object cached = CREATED.get(p.name());
    if (cached instanceof Backend b) {
      return b;
    }
    if (cached instanceof RuntimeException e) {
      throw e;
    }
    try {
      checkSpiVersion(p);
      Backend b = p.create();
      CREATED.put(p.name(), b);
      return b;
    } catch (BackendSelectionException e) {
      CREATED.put(p.name(), e);
      throw e;
    } catch (RuntimeException | LinkageError e) {
      RuntimeException failure = new BackendSelectionException("backend '" + p.name() + "' ("
          + p.artifact() + ") failed to start: " + e, e);
      CREATED.put(p.name(), failure);
      throw failure;
    }
  }

  /**
   * Refuses a provider built for another SPI version than this vae4j's {@link BackendProvider#SPI_VERSION}.
   *
   * @throws BackendSelectionException naming both versions and what to do
   */
  static void checkSpiVersion(BackendProvider p) {
    int version;
    try {
      version = p.spiVersion();
    } catch (AbstractMethodError e) {
      version = 0;
    }
    if (version != BackendProvider.SPI_VERSION) {
      String built = version == 0 ? "an older vae4j, from before the SPI was versioned"
          : "backend SPI version " + version;
      throw new BackendSelectionException("backend '" + p.name() + "' (" + p.artifact() + ", "
          + p.getClass().getName() + ") was built for " + built + ", but this vae4j implements backend SPI"
          + " version " + BackendProvider.SPI_VERSION + ": use a release of the backend built for this vae4j,"
          + " or this vae4j's own vae4j-backend-* artifacts", null);
    }
  }

  private static String requested(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String names(List<BackendProvider> providers) {
    if (providers.isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (BackendProvider p : providers) {
      names.add(p.name() + " (priority " + p.priority() + ")");
    }
    return String.join(", ", names);
  }

  private static String howToAdd(String name) {
    String artifact = KNOWN_ARTIFACTS.get(name);
    if (artifact != null) {
      return "Add the artifact " + artifact + " to use it.";
    }
    return "Known backends: " + String.join(", ", KNOWN_ARTIFACTS.keySet())
        + "; choose one with -Dvae4j.backend=NAME or VAE4J_BACKEND=NAME.";
  }
}
