package org.vae4j.backend.nd4j;

import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.OpenMpWaitPolicy;

/**
 * The ND4J backend: one device, the CPU with nd4j-native, or the first GPU when ND4J's CUDA build is the
 * one on the class path. Thread-safe. Capabilities: {@link Capability#FLOAT64}, plus
 * {@link Capability#GPU} on CUDA.
 *
 * <p>Starting it keeps ND4J's periodic {@code System.gc()} calls off for the whole JVM (the default of
 * 1.0.0-M2.1, enforced in case something switched it on): vae4j frees every buffer's data explicitly. ND4J
 * still frees a small native struct per array (its data buffer descriptor) and JavaCPP its pointers from
 * reference queues once the collector finds the arrays' Java objects unreachable; the ordinary young
 * collections that ND4J's Java garbage triggers keep that bounded (see Nd4jMemorySoak).
 */
public final class Nd4jBackend implements Backend {

  /** System property: the most threads libnd4j and OpenBLAS may use per op (default: ND4J's choice). */
  public static final String THREADS_PROPERTY = "vae4j.nd4j.threads";

  private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackend.class);

  private final Device device;
  private final Nd4jKernels kernels;
  private final Set<Capability> capabilities;
  private final String description;

  private Nd4jBackend(Device device, Set<Capability> capabilities, String description) {
    this.device = device;
    this.kernels = new Nd4jKernels("nd4j", device);
    this.capabilities = capabilities;
    this.description = description;
  }

  /**
   * Loads ND4J's native backend (a first allocation forces the library to load) and returns a backend on
   * it.
   *
   * @throws LinkageError or RuntimeException from ND4J when its native code cannot load; the provider
   *     turns them into a message naming the artifact to add
   */
  static Nd4jBackend start() {
    OpenMpWaitPolicy.Outcome openMp = OpenMpWaitPolicy.applyThroughJna();
    if (openMp.warning()) {
      LOG.warn("vae4j nd4j backend: {}", openMp.message());
    }
    var nd4jBackend = Nd4j.getBackend();
    Nd4j.create(DataType.FLOAT, 1).close();
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    limitThreads(Integer.getInteger(THREADS_PROPERTY, 0));
    boolean gpu = !Nd4j.getEnvironment().isCPU();
    Device device = gpu ? Device.gpu(0) : Device.CPU;
    Set<Capability> caps = gpu ? EnumSet.of(Capability.FLOAT64, Capability.GPU) : EnumSet.of(Capability.FLOAT64);
    caps.addAll(Nd4jKernels.FUSED);
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    String description = "nd4j " + Nd4jLoadFailure.ND4J_VERSION + " (" + nd4jBackend.getClass().getSimpleName()
        + ", BLAS " + env.getOrDefault("blas.vendor", "unknown") + ", " + Nd4j.getEnvironment().maxMasterThreads()
        + " threads) on " + device;
    LOG.debug("started {}; {}", description, openMp.message());
    return new Nd4jBackend(device, Set.copyOf(caps), description);
  }

  /**
   * Caps libnd4j's and OpenBLAS's threads at {@code threads} when positive (system property
   * {@value #THREADS_PROPERTY}); ND4J otherwise uses one per core, or {@code OMP_NUM_THREADS}. One thread
   * is far faster for small ops on a machine whose cores are all busy: idle ND4J threads that must be
   * scheduled at every op's barrier then cost milliseconds per op.
   */
  private static void limitThreads(int threads) {
    if (threads > 0) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
    }
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public List<Device> devices() {
    return List.of(device);
  }

  @Override
  public Device defaultDevice() {
    return device;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public Kernels kernels(Device requested) {
    if (!requested.equals(device)) {
      throw new IllegalArgumentException("nd4j: no device " + requested + "; this backend computes on "
          + devices() + (device.type() == Device.Type.CPU
              ? " (for a GPU, use ND4J's CUDA build: org.nd4j:nd4j-cuda-11.6 instead of nd4j-native)" : ""));
    }
    return kernels;
  }

  @Override
  public String describe() {
    return description;
  }
}
