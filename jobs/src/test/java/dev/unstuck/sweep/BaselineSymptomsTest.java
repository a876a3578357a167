package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.stream.SweepFixture;
import dev.unstuck.stream.SweepRuns;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.wire.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The baseline symptoms the sweep job picks automatic fixes by are the ones the stream job's
 * verdicts name: both fold a run's telemetry by the same rule.
 */
class BaselineSymptomsTest {
  private static final String SWEEP = "fold";

  /** What the stream job's verdict rows say the baseline had, for the same telemetry. */
  private static Set<Symptom> streamSays(List<EpochTelemetry> records) {
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    Set<String> runs = new TreeSet<>();
    for (EpochTelemetry r : records) {
      sweep.accept(r, Codecs.TELEMETRY.encode(r));
      runs.add(r.getRunId());
    }
    List<FixVerdict> verdicts = sweep.verdicts(runs, 1);
    assertThat(verdicts).isNotEmpty();
    return verdicts.stream()
        .flatMap(v -> v.getBaselineSymptoms().stream())
        .map(Symptom::valueOf)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<EpochTelemetry> baseline(List<EpochTelemetry> records) {
    return records.stream().filter(r -> r.getVariantId().equals("baseline")).toList();
  }

  @Test
  void aBaselineThatDoesNotLearnAgreesWithTheStream() {
    List<EpochTelemetry> records = SweepFixture.standard(SWEEP).records;

    Set<Symptom> symptoms = BaselineSymptoms.of(baseline(records), Thresholds.DEFAULTS);

    assertThat(symptoms).contains(Symptom.NOT_LEARNING).isEqualTo(streamSays(records));
  }

  @Test
  void aSeedThatCrashedMidTrainingIsAFailureNotItsEarlierSymptoms() {
    // seed 1 learns; seed 2 is flat at chance for 6 epochs, then crashes inside epoch 7. Its last
    // record is what production publishes then (TelemetryRecords.terminal): epoch 6's
    // measurements under FAILED. Its flat epochs are not the baseline's symptoms: the run failed.
    List<EpochTelemetry> records = new ArrayList<>();
    Telemetry healthy = Telemetry.run(SWEEP, "baseline", "BASELINE", 1);
    records.addAll(healthy.records(Curves.healthy().epochs(8).build()));
    Telemetry crashed = Telemetry.run(SWEEP, "baseline", "BASELINE", 2);
    List<EpochTelemetry> flat = crashed.records(Curves.flatAtChance().epochs(8).build());
    records.addAll(flat.subList(0, 6));
    EpochTelemetry sixth = flat.get(5);
    RunLabel label =
        new RunLabel(
            sixth.getSweepId(),
            sixth.getExecutionId(),
            sixth.getRunId(),
            sixth.getVariantId(),
            sixth.getFixFamily(),
            sixth.getFixParams(),
            sixth.getSeed(),
            sixth.getTotalEpochs(),
            sixth.getPlannedSeeds());
    records.add(
        new TelemetryRecords(label, TrainingLayout.variantParallel(32))
            .terminal(sixth, 7, TrainingStatus.FAILED, "OutOfMemoryError: Java heap space"));
    assertThat(records.get(records.size() - 1).getEpoch()).isEqualTo(6);
    for (int seed = 1; seed <= 2; seed++) {
      records.addAll(
          Telemetry.run(SWEEP, "lr-x0.1", "LEARNING_RATE", seed)
              .records(Curves.healthy().epochs(8).build()));
    }
    assertThat(BaselineSymptoms.of(flat.subList(0, 6), Thresholds.DEFAULTS))
        .as("the crashed seed's epochs alone look ill")
        .isNotEmpty();

    Set<Symptom> symptoms = BaselineSymptoms.of(baseline(records), Thresholds.DEFAULTS);

    assertThat(symptoms).isEmpty();
    assertThat(streamSays(records)).isEmpty();
  }
}
