package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.wire.RunTelemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sweep's runs as their telemetry tells them, read where they were trained: each run's epochs by
 * variant and seed. The sweep job reads it to act on what it trained ({@code fixes: auto} picks
 * fixes by the baseline's symptoms; the label-permutation probe follows a sweep in which nothing
 * helped) without waiting for the stream job.
 */
final class TrainedSweep {
  /**
   * One run: its seed, its measured epochs (oldest first), and whether it reached a terminal
   * status.
   */
  record Run(String variantId, int seed, List<EpochMetrics> epochs, boolean ended) {
    RunHistory history() {
      return new RunHistory(seed, epochs, ended);
    }
  }

  private final Map<String, List<Run>> byVariant;

  private TrainedSweep(Map<String, List<Run>> byVariant) {
    this.byVariant = byVariant;
  }

  /**
   * Folds each run's records by the one rule every reader of telemetry applies ({@link
   * RunTelemetry}).
   */
  static TrainedSweep of(List<EpochTelemetry> records) {
    Map<String, RunTelemetry<Void>> byRun = new TreeMap<>();
    for (EpochTelemetry record : records) {
      byRun.computeIfAbsent(record.getRunId(), run -> new RunTelemetry<>()).accept(record, null);
    }
    Map<String, List<Run>> byVariant = new TreeMap<>();
    byRun
        .values()
        .forEach(
            run ->
                run.last()
                    .ifPresent(
                        last ->
                            byVariant
                                .computeIfAbsent(last.getVariantId(), v -> new ArrayList<>())
                                .add(
                                    new Run(
                                        last.getVariantId(),
                                        last.getSeed(),
                                        run.series(),
                                        run.ended()))));
    return new TrainedSweep(byVariant);
  }

  /** Each fix of {@code plan} with a verdict against the baseline so far, in plan order. */
  Map<Variant, Judgement> judgements(SweepPlan plan, FixJudge judge) {
    Map<Variant, Judgement> judgements = new LinkedHashMap<>();
    plan.variants().stream()
        .filter(v -> !v.isBaseline() && !v.isProbe())
        .forEach(
            fix ->
                judge
                    .judge(histories(Variant.BASELINE_ID), histories(fix.id()), plan.seeds())
                    .ifPresent(j -> judgements.put(fix, j)));
    return judgements;
  }

  List<Run> runs(String variantId) {
    return byVariant.getOrDefault(variantId, List.of());
  }

  List<RunHistory> histories(String variantId) {
    return runs(variantId).stream().map(Run::history).toList();
  }

  /** Each run's diagnosis after its last epoch; runs with no measured epoch have none. */
  List<Diagnosis> finalDiagnoses(String variantId, RunDiagnoser diagnoser) {
    return runs(variantId).stream()
        .filter(run -> !run.epochs().isEmpty())
        .map(run -> diagnoser.diagnose(run.epochs()))
        .toList();
  }

  /** Each seed's final validation balanced accuracy (NaN where it was not measured). */
  Map<Integer, Double> finalMetricBySeed(String variantId, RunDiagnoser diagnoser) {
    Map<Integer, Double> bySeed = new TreeMap<>();
    runs(variantId).stream()
        .filter(run -> !run.epochs().isEmpty())
        .forEach(run -> bySeed.put(run.seed(), diagnoser.diagnose(run.epochs()).metric()));
    return bySeed;
  }

  /**
   * The mean of {@link #finalMetricBySeed} over seeds with a finite metric; empty when none has.
   */
  Optional<Double> meanFinalMetric(String variantId, RunDiagnoser diagnoser) {
    var finite =
        finalMetricBySeed(variantId, diagnoser).values().stream()
            .filter(Double::isFinite)
            .mapToDouble(Double::doubleValue)
            .average();
    return finite.isPresent() ? Optional.of(finite.getAsDouble()) : Optional.empty();
  }
}
