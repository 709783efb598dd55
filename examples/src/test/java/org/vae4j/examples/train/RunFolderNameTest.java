package org.vae4j.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunFolderNameTest {
  @Test
  void theRunFolderNamesTheDataSet() {
    assertThat(TrainingRun.dataLabel("mnist-10k")).isEqualTo("mnist-10k");
    assertThat(TrainingRun.dataLabel("fashion-mnist")).isEqualTo("fashion-mnist");
    assertThat(TrainingRun.dataLabel("/data/sets/kmnist/")).isEqualTo("kmnist");
  }
}
