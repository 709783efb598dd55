package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.UnaryOp;

class PureBackendTest {

  @Test
  void isFoundByServiceLoader() {
    BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("pure")).findFirst().orElseThrow();
    assertThat(provider.priority()).isEqualTo(10);
    assertThat(provider.artifact()).isEqualTo("org.vae4j:vae4j-backend-pure");
    try (var backend = provider.create()) {
      assertThat(backend.devices()).containsExactly(Device.CPU);
      assertThat(backend.capabilities()).containsExactlyInAnyOrder(Capability.FLOAT64, Capability.FUSED_LINEAR,
          Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS, Capability.FUSED_LOG_SOFTMAX);
      assertThat(backend.kernels(Device.CPU).capabilities()).isEqualTo(backend.capabilities());
      assertThat(backend.kernels(Device.CPU)).isSameAs(backend.kernels(backend.defaultDevice()));
      assertThat(backend.describe()).contains("pure", "threads");
      assertThatThrownBy(() -> backend.kernels(Device.gpu(0))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gpu:0").hasMessageContaining("[cpu]");
    }
  }

  @Test
  void refusesClosedBuffersByName() {
    Kernels k = new PureBackend().kernels(Device.CPU);
    Buffer x = k.fromFloats(new float[] {1, 2}, Shape.of(2));
    x.close();
    assertThatThrownBy(() -> k.unary(UnaryOp.EXP, x)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unary EXP").hasMessageContaining("FLOAT32 buffer (2)").hasMessageContaining("closed");
    assertThatThrownBy(() -> k.toFloats(x)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void namesShapesWhenMatmulOperandsDoNotAlign() {
    Kernels k = new PureBackend().kernels(Device.CPU);
    try (Buffer a = k.full(Shape.of(128, 784), org.vae4j.api.DType.FLOAT32, 1);
        Buffer b = k.full(Shape.of(400, 20), org.vae4j.api.DType.FLOAT32, 1)) {
      assertThatThrownBy(() -> k.matmul(a, b, false, false)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("matmul: shapes (128, 784) and (400, 20) do not align on 784 vs 400");
    }
  }
}
