package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.wire.Codecs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;
import org.junit.jupiter.api.Test;

/**
 * The stateful function on Spark's own test GroupState: what it does with a stored state it
 * restores.
 */
class SweepDiagnoserTest {
  private static final String SWEEP = "state";
  private final SweepFixture fixture = SweepFixture.standard(SWEEP);

  private static TestGroupState<SweepState> stored(List<byte[]> records) {
    return TestGroupState.create(
        Optional.of(new SweepState(SWEEP, records)),
        GroupStateTimeout.ProcessingTimeTimeout(),
        0L,
        Optional.empty(),
        false);
  }

  private static List<DiagnosisOutput> call(
      TestGroupState<SweepState> state, List<EpochTelemetry> records) {
    return call(SWEEP, state, records);
  }

  /**
   * The function on one group: {@code key} as the pipeline groups {@code records}
   * (TelemetryPayload.stateKey).
   */
  private static List<DiagnosisOutput> call(
      String key, TestGroupState<SweepState> state, List<EpochTelemetry> records) {
    List<TelemetryPayload> payloads =
        records.stream()
            .map(
                r ->
                    new TelemetryPayload(
                        r.getSweepId(), r.getExecutionId(), Codecs.TELEMETRY.encode(r)))
            .toList();
    assertThat(payloads).allMatch(p -> p.stateKey().equals(key));
    List<DiagnosisOutput> out = new ArrayList<>();
    new SweepDiagnoser(60_000).call(key, payloads.iterator(), state).forEachRemaining(out::add);
    return out;
  }

  private static TestGroupState<SweepState> empty() {
    return TestGroupState.create(
        Optional.empty(), GroupStateTimeout.ProcessingTimeTimeout(), 0L, Optional.empty(), false);
  }

  @Test
  void aReRunOfTheSweepIsDiagnosedWholeInItsOwnStateUnderItsOwnKeys() {
    TestGroupState<SweepState> first = empty();
    List<DiagnosisOutput> firstOut =
        call("e-1/" + SWEEP, first, fixture.inExecution("e-1").records);
    // the same runs, epochs and seeds again: a new execution, not duplicates of the first one's
    // records
    TestGroupState<SweepState> second = empty();
    List<DiagnosisOutput> secondOut =
        call("e-2/" + SWEEP, second, fixture.inExecution("e-2").records);

    assertThat(second.get().getRecords()).as("one summary per run").hasSize(fixture.byRun.size());
    assertThat(SweepRuns.restore(second.get(), "e-2", Thresholds.DEFAULTS).size())
        .isEqualTo(fixture.distinctEpochs());
    assertThat(secondOut)
        .filteredOn(o -> o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS))
        .extracting(DiagnosisOutput::getKey)
        .containsExactlyInAnyOrderElementsOf(
            fixture.byRun.keySet().stream().map(id -> "e-2/" + id).toList());
    assertThat(secondOut)
        .filteredOn(o -> o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS))
        .extracting(o -> Codecs.RUN_DIAGNOSIS.decode(o.getPayload()).getExecutionId())
        .containsOnly("e-2");
    assertThat(secondOut)
        .filteredOn(o -> o.getKind().equals(DiagnosisOutput.FIX_VERDICT))
        .isNotEmpty()
        .allSatisfy(
            o -> {
              var verdict = Codecs.FIX_VERDICT.decode(o.getPayload());
              assertThat(verdict.getExecutionId()).isEqualTo("e-2");
              assertThat(o.getKey())
                  .isEqualTo(
                      "e-2/"
                          + SWEEP
                          + "/"
                          + verdict.getVariantId()
                          + "/"
                          + verdict.getBaselineSymptom());
            });
    assertThat(secondOut).hasSameSizeAs(firstOut);
  }

  @Test
  void telemetryWithoutAnExecutionIdKeepsTheKeysOfAJobBeforeExecutionIds() {
    List<DiagnosisOutput> out = call(SWEEP, empty(), fixture.records);

    assertThat(out)
        .filteredOn(o -> o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS))
        .extracting(DiagnosisOutput::getKey)
        .containsExactlyInAnyOrderElementsOf(fixture.byRun.keySet());
    assertThat(out)
        .filteredOn(o -> o.getKind().equals(DiagnosisOutput.FIX_VERDICT))
        .extracting(o -> Codecs.FIX_VERDICT.decode(o.getPayload()).getExecutionId())
        .isNotEmpty()
        .containsOnly("");
  }

  @Test
  void aStateOfOlderReleasesRecordsIsRestoredAndCarriedOn() {
    List<EpochTelemetry> firstHalf =
        fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList();
    List<EpochTelemetry> secondHalf =
        fixture.records.stream().filter(r -> r.getEpoch() > 4).toList();
    TestGroupState<SweepState> state = stored(SweepRunsTest.mixedReleases(firstHalf));

    List<DiagnosisOutput> out = call(state, secondHalf);

    assertThat(out).noneMatch(o -> o.getKind().equals(DiagnosisOutput.DEAD_LETTER));
    assertThat(state.isUpdated()).isTrue();
    assertThat(state.get().getRecords()).as("one summary per run").hasSize(fixture.byRun.size());
    assertThat(SweepRuns.restore(state.get(), Thresholds.DEFAULTS).size())
        .isEqualTo(fixture.distinctEpochs());
  }

  @Test
  void aStoredRecordOfAnUnknownSchemaGoesOutOnceAsADeadLetter() {
    List<byte[]> records = new ArrayList<>();
    fixture.records.subList(0, 10).forEach(r -> records.add(Codecs.TELEMETRY.encode(r)));
    byte[] future =
        ReleaseProducer.withSchema(
                ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"))
            .encode(fixture.records.get(10));
    records.add(future);
    TestGroupState<SweepState> state = stored(records);

    List<DiagnosisOutput> out = call(state, List.of());

    assertThat(out)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo(DiagnosisOutput.DEAD_LETTER);
              assertThat(o.getKey()).isEqualTo(SWEEP);
              assertThat(o.getReason()).isEqualTo(TelemetryDecoding.UNKNOWN_SCHEMA);
              assertThat(o.getPayload()).isEqualTo(future);
            });
    assertThat(state.isUpdated()).as("the state no longer holds it").isTrue();
    long runs =
        fixture.records.subList(0, 10).stream().map(EpochTelemetry::getRunId).distinct().count();
    assertThat(state.get().getRecords()).hasSize((int) runs).doesNotContain(future);
    assertThat(SweepRuns.restore(state.get(), Thresholds.DEFAULTS).size()).isEqualTo(10);
    assertThat(call(state, List.of())).as("a second batch sends it no more").isEmpty();
  }
}
