package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  @Test
  void keysNameTheExecutionBeforeTheRecord() {
    EpochTelemetry telemetry =
        EpochTelemetry.newBuilder(SingleObjectCodecTest.fullTelemetry())
            .setSweepId("churn")
            .setRunId("churn/lr-x0.1/seed-2")
            .setExecutionId("20261130T044512Z-3fa2c1")
            .build();
    assertThat(RecordKeys.telemetry(telemetry))
        .isEqualTo("20261130T044512Z-3fa2c1/churn/lr-x0.1/seed-2");

    RunDiagnosis diagnosis =
        RunDiagnosis.newBuilder()
            .setSweepId("churn")
            .setExecutionId("e-1")
            .setRunId("churn/baseline/seed-1")
            .setVariantId("baseline")
            .setFixFamily("BASELINE")
            .setSeed(1)
            .setEpoch(3)
            .setStatus("RUNNING")
            .setLearningState(LearningState.UNKNOWN)
            .build();
    assertThat(RecordKeys.diagnosis(diagnosis)).isEqualTo("e-1/churn/baseline/seed-1");

    FixVerdict verdict =
        FixVerdict.newBuilder()
            .setSweepId("churn")
            .setExecutionId("e-1")
            .setVariantId("lr-x0.1")
            .setFixFamily("LEARNING_RATE")
            .setBaselineSymptom("NOT_LEARNING")
            .setSeeds(2)
            .setResolved(true)
            .build();
    assertThat(RecordKeys.verdict(verdict)).isEqualTo("e-1/churn/lr-x0.1/NOT_LEARNING");
  }

  @Test
  void recordsWithoutAnExecutionKeepTheKeysTheyHadBeforeExecutionIds() {
    assertThat(RecordKeys.of("", "churn/lr-x0.1/seed-2")).isEqualTo("churn/lr-x0.1/seed-2");
    assertThat(RecordKeys.sweepExecution("churn", "")).isEqualTo("churn");
  }

  @Test
  void aStateKeySplitsBackIntoSweepAndExecution() {
    String key = RecordKeys.sweepExecution("churn-baseline", "20261130T044512Z-3fa2c1");
    assertThat(key).isEqualTo("20261130T044512Z-3fa2c1/churn-baseline");
    assertThat(RecordKeys.sweepOf(key)).isEqualTo("churn-baseline");
    assertThat(RecordKeys.executionOf(key)).isEqualTo("20261130T044512Z-3fa2c1");
    // the key an older job checkpointed its state under
    assertThat(RecordKeys.sweepOf("churn-baseline")).isEqualTo("churn-baseline");
    assertThat(RecordKeys.executionOf("churn-baseline")).isEmpty();
  }

  @Test
  void anExecutionIdThatCouldBeConfusedWithAKeyPartIsRefused() {
    assertThat(RecordKeys.checkExecutionId("20261130T044512Z-3fa2c1"))
        .isEqualTo("20261130T044512Z-3fa2c1");
    assertThatThrownBy(() -> RecordKeys.checkExecutionId("a/b"))
        .hasMessage("'a/b' is not an execution id: 1 to 64 letters, digits, '.', '_', ':' or '-'");
    assertThatThrownBy(() -> RecordKeys.checkExecutionId(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.checkExecutionId("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
