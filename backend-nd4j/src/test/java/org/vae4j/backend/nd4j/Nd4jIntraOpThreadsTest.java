package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The serial section sets libnd4j's two thread counts (threads and master threads) to one and restores them;
 * disabled, it changes nothing. The counts are read as one number, {@code threads * 1000 + master threads}.
 */
class Nd4jIntraOpThreadsTest {
  static {
    Nd4jTestKernels.kernels();
  }

  private static int threads() {
    return Nd4j.getEnvironment().maxThreads() * 1000 + Nd4j.getEnvironment().maxMasterThreads();
  }

  @Test
  void serialRunsWithOneThreadAndRestoresTheTeamEvenAfterAFailure() {
    int team = threads();
    Nd4jIntraOpThreads serial = new Nd4jIntraOpThreads(true);
    assertThat(serial.enabled()).isEqualTo(team > 1001);
    assertThat(serial.serial(Nd4jIntraOpThreadsTest::threads)).isEqualTo(serial.enabled() ? 1001 : team);
    assertThat(threads()).isEqualTo(team);
    assertThatThrownBy(() -> serial.serial(() -> {
      throw new IllegalStateException("kernel failed");
    })).hasMessage("kernel failed");
    assertThat(threads()).isEqualTo(team);
  }

  @Test
  void teamForAllOpsLeavesTheThreadCountAlone() {
    int team = threads();
    Nd4jIntraOpThreads all = new Nd4jIntraOpThreads(false);
    assertThat(all.enabled()).isFalse();
    assertThat(all.serial(Nd4jIntraOpThreadsTest::threads)).isEqualTo(team);
  }
}
