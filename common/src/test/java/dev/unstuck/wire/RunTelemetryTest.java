package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTelemetryTest {
  private final Telemetry run = Telemetry.run("s", "baseline", "BASELINE", 1);

  /** Four epochs flat at chance, the fourth FINISHED. */
  private final List<EpochTelemetry> flat = run.records(Curves.flatAtChance().epochs(4).build());

  private static EpochTelemetry as(EpochTelemetry record, RunStatus status) {
    return EpochTelemetry.newBuilder(record).setStatus(status).build();
  }

  /**
   * A terminal record with nothing measured, as a run that crashed inside {@code epoch} publishes
   * it.
   */
  private EpochTelemetry crashedIn(int epoch) {
    EpochTelemetry any = flat.get(0);
    return EpochTelemetry.newBuilder()
        .setSweepId(any.getSweepId())
        .setRunId(any.getRunId())
        .setVariantId(any.getVariantId())
        .setFixFamily(any.getFixFamily())
        .setSeed(any.getSeed())
        .setEpoch(epoch)
        .setTotalEpochs(10)
        .setTimestampMs(Telemetry.START_MS)
        .setStatus(RunStatus.FAILED)
        .setErrorMessage("OutOfMemoryError")
        .build();
  }

  @Test
  void aTerminalRecordReplacesTheRunningOneOfItsEpoch() {
    RunTelemetry<String> fold = new RunTelemetry<>();
    EpochTelemetry last = flat.get(3);

    assertThat(fold.accept(as(last, RunStatus.RUNNING), "running")).isTrue();
    assertThat(fold.ended()).isFalse();
    assertThat(fold.accept(last, "finished")).isTrue();

    assertThat(fold.size()).isEqualTo(1);
    assertThat(fold.ended()).isTrue();
    assertThat(fold.payloads()).containsExactly("finished");
  }

  @Test
  void repeatsAndLateCopiesChangeNothing() {
    RunTelemetry<String> fold = new RunTelemetry<>();
    flat.forEach(r -> fold.accept(r, "first"));

    assertThat(flat).noneMatch(r -> fold.accept(r, "again"));
    assertThat(fold.accept(as(flat.get(3), RunStatus.RUNNING), "running"))
        .as("RUNNING after its terminal")
        .isFalse();
    assertThat(fold.accept(as(flat.get(3), RunStatus.FAILED), "second terminal")).isFalse();
    assertThat(fold.accept(EpochTelemetry.newBuilder(flat.get(2)).setEpoch(5).build(), "late"))
        .as("an epoch after the run ended")
        .isFalse();
    assertThat(fold.payloads()).containsOnly("first").hasSize(4);
    assertThat(fold.last()).contains(flat.get(3));
  }

  @Test
  void epochZeroCountsForHowTheRunEndedNotForTheSeries() {
    RunTelemetry<Void> fold = new RunTelemetry<>();

    fold.accept(crashedIn(0), null);

    assertThat(fold.size()).isEqualTo(1);
    assertThat(fold.ended()).isTrue();
    assertThat(fold.last().orElseThrow().getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(fold.series()).isEmpty();
  }

  @Test
  void aFailureWithoutMetricsEndsTheSeriesAndIsDiagnosedAFailure() {
    RunTelemetry<Void> fold = new RunTelemetry<>();
    flat.subList(0, 3).forEach(r -> fold.accept(r, null));

    fold.accept(crashedIn(4), null);

    List<EpochMetrics> series = fold.series();
    assertThat(series).hasSize(4);
    assertThat(series.get(3).status()).isEqualTo(TrainingStatus.FAILED);
    assertThat(series.get(3).trainLoss()).isNaN();
    assertThat(new RunDiagnoser(Thresholds.DEFAULTS).diagnose(series).state())
        .isEqualTo(LearningAssessment.FAILED);
  }
}
