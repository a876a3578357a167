package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataParallelTrainerTest {

  @Test
  void aWorkersMinibatchIsTheUsersBatchSplitOverTheWorkers() {
    assertThat(DataParallelTrainer.batchSizePerWorker(64, 2)).isEqualTo(32);
    assertThat(DataParallelTrainer.batchSizePerWorker(33, 2)).isEqualTo(17);
    assertThat(DataParallelTrainer.batchSizePerWorker(1, 4)).isEqualTo(1);
  }
}
