package dev.unstuck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.wire.Codecs;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code unstuck watch} prints for records of the diagnosis topic, whichever release wrote
 * them.
 */
class LiveDiagnosisTest {
  private final LiveDiagnosis live = new LiveDiagnosis(ZoneOffset.UTC, false);

  private static RunDiagnosis diagnosis() {
    return RunDiagnosis.newBuilder()
        .setSweepId("s")
        .setRunId("s/baseline/seed-1")
        .setVariantId("baseline")
        .setFixFamily("BASELINE")
        .setSeed(1)
        .setEpoch(3)
        .setStatus("RUNNING")
        .setLearningState(LearningState.NOT_LEARNING)
        .setValBalancedAccuracy(0.5)
        .setSymptoms(List.of())
        .setFinalDiagnosis(false)
        .setTimestampMs(1_700_000_000_000L)
        .build();
  }

  @Test
  void aDiagnosisOfAnEarlierReleaseReadsAsTodaysDoes() {
    byte[] today = Codecs.RUN_DIAGNOSIS.encode(diagnosis());
    byte[] firstRelease = ReleaseProducer.published("RunDiagnosis", 1).encode(diagnosis());

    assertThat(live.format(firstRelease))
        .isEqualTo(live.format(today))
        .contains("s/baseline/seed-1", "epoch   3", "NOT_LEARNING");
  }

  @Test
  void aLaterReleasesSchemaIsNamedNotMisread() {
    byte[] next =
        ReleaseProducer.withSchema(
                ReleaseProducer.adding(RunDiagnosis.getClassSchema(), "producerHost"))
            .encode(diagnosis());

    assertThat(live.format(next)).contains("unknown record schema", "a newer Unstuck?");
  }

  @Test
  void eachExecutionOfASweepIsNamedOnceBeforeItsFirstRecord() {
    RunDiagnosis first =
        RunDiagnosis.newBuilder(diagnosis()).setExecutionId("20261130T080000Z-aaaaaa").build();
    RunDiagnosis again =
        RunDiagnosis.newBuilder(diagnosis()).setExecutionId("20261201T090000Z-bbbbbb").build();

    List<String> lines =
        List.of(
            live.format(Codecs.RUN_DIAGNOSIS.encode(first)),
            live.format(Codecs.RUN_DIAGNOSIS.encode(first)),
            live.format(Codecs.RUN_DIAGNOSIS.encode(again)));

    assertThat(lines.get(0))
        .startsWith("22:13:20  sweep s: execution 20261130T080000Z-aaaaaa\n22:13:20  run ");
    assertThat(lines.get(1)).doesNotContain("execution");
    assertThat(lines.get(2)).startsWith("22:13:20  sweep s: execution 20261201T090000Z-bbbbbb\n");
  }
}
