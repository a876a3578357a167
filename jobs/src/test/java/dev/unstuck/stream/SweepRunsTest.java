package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.SingleObjectCodec;
import dev.unstuck.wire.WireFormatException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepRunsTest {
  private static final String SWEEP = "unit";
  private final SweepFixture fixture = SweepFixture.standard(SWEEP);

  private static Set<String> feed(SweepRuns sweep, List<EpochTelemetry> records) {
    Set<String> changed = new TreeSet<>();
    for (EpochTelemetry r : records) {
      if (sweep.accept(r, Codecs.TELEMETRY.encode(r))) {
        changed.add(r.getRunId());
      }
    }
    return changed;
  }

  @Test
  void oneRecordPerRunAndEpochTerminalReplacingRunning() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(sweep, fixture.records);
    assertThat(sweep.size()).isEqualTo(fixture.distinctEpochs());
    assertThat(sweep.runIds()).hasSize(7);
  }

  @Test
  void duplicatesAndLateCopiesChangeNothing() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(sweep, fixture.records);
    assertThat(feed(sweep, fixture.records)).as("the whole sweep again").isEmpty();
    EpochTelemetry lastRunning =
        fixture.byRun.get("unit/baseline/seed-1").stream()
            .filter(r -> r.getEpoch() == SweepFixture.EPOCHS && r.getStatus() == RunStatus.RUNNING)
            .findFirst()
            .orElseThrow();
    assertThat(feed(sweep, List.of(lastRunning)))
        .as("RUNNING after the terminal record of its epoch")
        .isEmpty();
    EpochTelemetry afterEnd =
        EpochTelemetry.newBuilder(lastRunning).setEpoch(SweepFixture.EPOCHS + 1).build();
    assertThat(feed(sweep, List.of(afterEnd))).as("an epoch after the run ended").isEmpty();
  }

  @Test
  void anExecutionTakesOnlyItsOwnRecords() {
    SweepRuns execution = new SweepRuns(SWEEP, "e-2", Thresholds.DEFAULTS);
    EpochTelemetry ofE2 = fixture.inExecution("e-2").records.get(0);
    EpochTelemetry ofE1 = fixture.inExecution("e-1").records.get(0);

    assertThat(execution.accept(ofE2, Codecs.TELEMETRY.encode(ofE2))).isTrue();
    assertThatThrownBy(() -> execution.accept(ofE1, Codecs.TELEMETRY.encode(ofE1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execution 'e-1'");
    assertThat(execution.diagnoses(execution.runIds(), 1))
        .extracting(RunDiagnosis::getExecutionId)
        .containsOnly("e-2");
  }

  @Test
  void stateRoundTripsThroughItsStoredForm() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(sweep, fixture.records.subList(0, 20));
    SweepRuns restored = SweepRuns.restore(sweep.toState(), Thresholds.DEFAULTS);
    assertThat(restored.size()).isEqualTo(sweep.size());
    assertThat(feed(restored, fixture.records.subList(0, 20))).isEmpty();
    assertThat(restored.diagnoses(restored.runIds(), 1).toString())
        .isEqualTo(sweep.diagnoses(sweep.runIds(), 1).toString());
  }

  /**
   * The fixture's records as producers of published version 1, 2 and today's wrote them, run by
   * run.
   */
  static List<byte[]> mixedReleases(List<EpochTelemetry> records) {
    List<byte[]> bytes = new ArrayList<>();
    for (EpochTelemetry r : records) {
      int version = Math.floorMod(r.getRunId().hashCode(), 3) + 1;
      bytes.add(
          version == 3
              ? Codecs.TELEMETRY.encode(r)
              : ReleaseProducer.published("EpochTelemetry", version).encode(r));
    }
    return bytes;
  }

  @Test
  void restoresAStateOfRecordsOlderReleasesWrote() {
    SweepRuns today = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(today, fixture.records);
    List<byte[]> stored = mixedReleases(fixture.records);
    assertThat(stored.stream().map(SingleObjectCodec::fingerprintOf).distinct())
        .as("three writer schemas")
        .hasSize(3);

    SweepRuns restored = SweepRuns.restore(new SweepState(SWEEP, stored), Thresholds.DEFAULTS);

    assertThat(restored.setAside()).isEmpty();
    assertThat(restored.size()).isEqualTo(today.size());
    assertThat(restored.diagnoses(restored.runIds(), 1))
        .isEqualTo(today.diagnoses(today.runIds(), 1));
    assertThat(restored.verdicts(restored.runIds(), 1))
        .isEqualTo(today.verdicts(today.runIds(), 1));
    List<byte[]> rewritten = restored.toState().getRecords();
    assertThat(rewritten)
        .as("written back as one run summary per run")
        .hasSize(today.runIds().size())
        .allMatch(bytes -> Codecs.RUN_SUMMARY.knows(SingleObjectCodec.fingerprintOf(bytes)));
    SweepRuns again = SweepRuns.restore(new SweepState(SWEEP, rewritten), Thresholds.DEFAULTS);
    assertThat(again.size()).isEqualTo(today.size());
    assertThat(again.diagnoses(again.runIds(), 1)).isEqualTo(today.diagnoses(today.runIds(), 1));
    assertThat(again.verdicts(again.runIds(), 1)).isEqualTo(today.verdicts(today.runIds(), 1));
  }

  @Test
  void aStoredRecordItCannotReadIsSetAsideNotFatal() {
    List<byte[]> stored = new ArrayList<>();
    fixture.records.subList(0, 20).forEach(r -> stored.add(Codecs.TELEMETRY.encode(r)));
    // left by a later release before a rollback: a schema this job does not know
    ReleaseProducer next =
        ReleaseProducer.withSchema(
            ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"));
    byte[] future = next.encode(fixture.records.get(20));
    byte[] corrupt = Arrays.copyOf(Codecs.TELEMETRY.encode(fixture.records.get(21)), 14);
    stored.add(5, future);
    stored.add(corrupt);

    SweepRuns restored = SweepRuns.restore(new SweepState(SWEEP, stored), Thresholds.DEFAULTS);

    assertThat(restored.setAside())
        .extracting(SweepRuns.SetAside::reason)
        .containsExactly(Reason.UNKNOWN_SCHEMA, Reason.CORRUPT);
    assertThat(restored.setAside().get(0).bytes()).isEqualTo(future);
    assertThat(restored.size()).isEqualTo(20);
    long runs =
        fixture.records.subList(0, 20).stream().map(EpochTelemetry::getRunId).distinct().count();
    assertThat(restored.toState().getRecords()).hasSize((int) runs).doesNotContain(future, corrupt);
  }

  @Test
  void diagnosesEachRunWithTheCommonDiagnoser() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(sweep, fixture.records);
    Map<String, RunDiagnosis> byRun =
        sweep.diagnoses(sweep.runIds(), 1).stream()
            .collect(Collectors.toMap(RunDiagnosis::getRunId, d -> d));
    RunDiagnosis baseline = byRun.get("unit/baseline/seed-1");
    assertThat(baseline.getLearningState()).isEqualTo(LearningState.NOT_LEARNING);
    assertThat(baseline.getSymptoms()).extracting(s -> s.getSymptom()).contains("NOT_LEARNING");
    assertThat(baseline.getFinalDiagnosis()).isTrue();
    assertThat(baseline.getEpoch()).isEqualTo(SweepFixture.EPOCHS);
    assertThat(byRun.get("unit/lr-x0.1/seed-2").getLearningState())
        .isEqualTo(LearningState.LEARNING);
    RunDiagnosis failed = byRun.get("unit/batchnorm/seed-1");
    assertThat(failed.getEpoch()).as("it crashed inside epoch 1").isEqualTo(1);
    assertThat(failed.getSymptoms()).as("nothing measured: no symptom").isEmpty();
    assertThat(failed.getStatus()).isEqualTo("FAILED");
    assertThat(failed.getLearningState()).isEqualTo(LearningState.FAILED);
    assertThat(failed.getFinalDiagnosis()).isTrue();
  }

  @Test
  void verdictsAreProvisionalWhileRunsTrainAndFinalOnceTheyEnded() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    List<EpochTelemetry> firstHalf =
        fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList();
    Set<String> changed = feed(sweep, firstHalf);
    List<FixVerdict> provisional = sweep.verdicts(changed, 1);
    assertThat(provisional).isNotEmpty().allMatch(v -> !v.getFinalVerdict());
    assertThat(provisional)
        .extracting(FixVerdict::getVariantId)
        .doesNotContain("baseline", "batchnorm");

    changed = feed(sweep, fixture.records);
    List<FixVerdict> verdicts = sweep.verdicts(changed, 1);
    assertThat(verdicts).allMatch(FixVerdict::getFinalVerdict);
    Map<String, List<FixVerdict>> byVariant =
        verdicts.stream().collect(Collectors.groupingBy(FixVerdict::getVariantId));
    assertThat(byVariant.keySet()).containsExactlyInAnyOrder("lr-x0.1", "l2-1e-4", "batchnorm");
    assertThat(byVariant.get("batchnorm"))
        .as("its one seed failed: compared on nothing, final")
        .allMatch(v -> v.getSeeds() == 0 && !v.getResolved() && v.getFinalVerdict());
    assertThat(byVariant.get("lr-x0.1"))
        .extracting(FixVerdict::getBaselineSymptom)
        .contains("NOT_LEARNING");
    assertThat(byVariant.get("lr-x0.1")).allMatch(FixVerdict::getResolved);
    assertThat(byVariant.get("l2-1e-4")).noneMatch(FixVerdict::getResolved);
    assertThat(byVariant.get("lr-x0.1").get(0).getSeeds()).isEqualTo(SweepFixture.SEEDS);
  }

  @Test
  void onlyTheAffectedFixesAreJudgedAgain() {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    feed(sweep, fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList());
    List<FixVerdict> fixOnly = sweep.verdicts(Set.of("unit/lr-x0.1/seed-1"), 1);
    assertThat(fixOnly).extracting(FixVerdict::getVariantId).containsOnly("lr-x0.1");
    List<FixVerdict> baselineChanged = sweep.verdicts(Set.of("unit/baseline/seed-1"), 1);
    assertThat(baselineChanged).extracting(FixVerdict::getVariantId).contains("lr-x0.1", "l2-1e-4");
  }

  @Test
  void outputsCarryTheWireFormatOfTheDiagnosisTopic() throws Exception {
    SweepRuns sweep = new SweepRuns(SWEEP, "e-1", Thresholds.DEFAULTS);
    Set<String> changed = feed(sweep, fixture.inExecution("e-1").records);
    List<DiagnosisOutput> out = SweepDiagnoser.outputs(sweep, changed, 42);
    assertThat(out.stream().filter(o -> o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS)))
        .hasSize(7);
    for (DiagnosisOutput o : out) {
      if (o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS)) {
        RunDiagnosis diagnosis = Codecs.RUN_DIAGNOSIS.decode(o.getPayload());
        assertThat("e-1/" + diagnosis.getRunId()).isEqualTo(o.getKey());
      } else {
        FixVerdict verdict = Codecs.FIX_VERDICT.decode(o.getPayload());
        // one key per verdict row: the latest record per key keeps every baseline symptom's row
        assertThat(
                "e-1/" + SWEEP + "/" + verdict.getVariantId() + "/" + verdict.getBaselineSymptom())
            .isEqualTo(o.getKey());
      }
    }
    assertThat(out.stream().map(DiagnosisOutput::getKey)).doesNotHaveDuplicates();
  }

  /**
   * Issue 10: a baseline seed that crashes inside epoch 1 publishes one terminal record at epoch 1
   * with nothing measured. It was diagnosed DIVERGED ("NaN/Inf ... at epoch 1 (0 values)"), and a
   * healthy fix then "resolved DIVERGING" - a false row that fed fix_effectiveness.
   */
  @Test
  void aBaselineSeedThatCrashedInItsFirstEpochIsAFailureAndNothingResolvesIt() {
    List<EpochTelemetry> records = new ArrayList<>();
    records.addAll(
        Telemetry.run(SWEEP, "baseline", "BASELINE", 1).records(Curves.healthy().build()));
    records.add(SweepFixture.crashedInFirstEpoch(Telemetry.run(SWEEP, "baseline", "BASELINE", 2)));
    for (int seed = 1; seed <= 2; seed++) {
      records.addAll(
          Telemetry.run(SWEEP, "l2-1e-4", "REGULARISATION", seed)
              .records(Curves.healthy().build()));
    }
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    Set<String> changed = feed(sweep, records);

    RunDiagnosis crashed = sweep.diagnoses(Set.of("unit/baseline/seed-2"), 1).get(0);
    assertThat(crashed.getLearningState()).isEqualTo(LearningState.FAILED);
    assertThat(crashed.getStatus()).isEqualTo("FAILED");
    assertThat(crashed.getSymptoms()).isEmpty();
    List<FixVerdict> verdicts = sweep.verdicts(changed, 1);
    assertThat(verdicts).extracting(FixVerdict::getBaselineSymptom).containsExactly("NONE");
    assertThat(verdicts).noneMatch(FixVerdict::getResolved);
    assertThat(verdicts.get(0).getSeeds()).isEqualTo(1);
  }
}
