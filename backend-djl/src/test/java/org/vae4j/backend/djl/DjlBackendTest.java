package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.UnaryOp;

class DjlBackendTest {
  private final Backend backend = DjlTestKernels.backend();

  @Test
  void providerIsFoundByServiceLoaderWithItsNamePriorityAndArtifact() {
    BackendProvider p = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.name().equals("djl")).findFirst().orElseThrow();
    assertThat(p).isInstanceOf(DjlBackendProvider.class);
    assertThat(p.priority()).isEqualTo(30);
    assertThat(p.artifact()).isEqualTo("org.vae4j:vae4j-backend-djl");
  }

  @Test
  void creatingTheBackendSwitchesDjlOfflineAndLoadsTheBundledLibtorch() {
    if (System.getenv("DJL_OFFLINE") == null) {
      assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }
    assertThat(backend.name()).isEqualTo("djl");
    assertThat(backend.describe()).contains("PyTorch 2.7.1").contains("DJL 0.35.1");
  }

  @Test
  void devicesStartWithTheCpuAndCapabilitiesFollowThem() {
    assertThat(backend.devices().get(0)).isEqualTo(Device.CPU);
    assertThat(backend.capabilities()).contains(Capability.FLOAT64);
    boolean gpu = backend.devices().size() > 1;
    assertThat(backend.capabilities().contains(Capability.GPU)).isEqualTo(gpu);
    assertThat(backend.defaultDevice()).isEqualTo(gpu ? Device.gpu(0) : Device.CPU);
    assertThat(backend.kernels(Device.CPU)).isSameAs(backend.kernels(Device.CPU));
    assertThat(backend.kernels(Device.CPU).device()).isEqualTo(Device.CPU);
    assertThat(backend.kernels(Device.CPU).backendName()).isEqualTo("djl");
  }

  @Test
  void anAbsentDeviceIsRefusedWithTheListOfDevices() {
    assertThatThrownBy(() -> backend.kernels(Device.gpu(17))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpu:17").hasMessageContaining("cpu");
  }

  @Test
  void closedAndForeignBuffersAreRefusedNamingTheOp() {
    Kernels k = DjlTestKernels.cpu();
    Buffer x = k.fromFloats(new float[] {1, 2}, Shape.of(2));
    x.close();
    x.close();
    assertThat(x.isClosed()).isTrue();
    assertThatThrownBy(() -> k.unary(UnaryOp.EXP, x)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unary EXP").hasMessageContaining("closed");
    Buffer foreign = new Buffer() {
      public Shape shape() {
        return Shape.of(2);
      }

      public DType dtype() {
        return DType.FLOAT32;
      }

      public Device device() {
        return Device.CPU;
      }

      public boolean isClosed() {
        return false;
      }

      public void close() {
      }
    };
    assertThatThrownBy(() -> k.binary(BinaryOp.ADD, foreign, foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary ADD");
    assertThatThrownBy(() -> k.fromFloats(new float[3], Shape.of(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fromFloats").hasMessageContaining("(2, 2)");
  }

  @Test
  void gpuKernelsAgreeWithTheCpu() {
    assumeTrue(backend.capabilities().contains(Capability.GPU), "no CUDA device visible to libtorch");
    Kernels cpu = backend.kernels(Device.CPU);
    Kernels gpu = backend.kernels(Device.gpu(0));
    float[] a = {1, -2, 3, 4, 5, 6};
    try (Buffer ga = gpu.fromFloats(a, Shape.of(2, 3)); Buffer ca = cpu.fromFloats(a, Shape.of(2, 3));
        Buffer gm = gpu.matmul(ga, ga, false, true); Buffer cm = cpu.matmul(ca, ca, false, true)) {
      assertThat(gm.device()).isEqualTo(Device.gpu(0));
      assertThat(gpu.toFloats(gm)).containsExactly(cpu.toFloats(cm));
    }
  }
}
