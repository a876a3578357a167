package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges a fix against the baseline over the seeds both ran. Judged on validation balanced
 * accuracy, never plain accuracy, which a majority-class predictor wins under imbalance.
 */
public final class FixJudge {
  private final Thresholds thresholds;
  private final RunReadings readings;

  public FixJudge(Thresholds thresholds) {
    this(thresholds, RunReadings.diagnosing(new RunDiagnoser(thresholds)));
  }

  /**
   * A judge that reads runs through {@code readings}, which diagnose by the same {@code
   * thresholds}.
   */
  public FixJudge(Thresholds thresholds, RunReadings readings) {
    this.thresholds = thresholds;
    this.readings = readings;
  }

  /**
   * Empty until some seed has at least one epoch on both sides; final once every run present has
   * ended.
   */
  public Optional<Judgement> judge(List<RunHistory> baseline, List<RunHistory> fix) {
    return judge(baseline, fix, 0);
  }

  /**
   * As {@link #judge(List, List)}, but final only once {@code plannedSeeds} runs ended on each
   * side: a seed that has not started yet must not let the verdict be called final early.
   */
  public Optional<Judgement> judge(
      List<RunHistory> baseline, List<RunHistory> fix, int plannedSeeds) {
    boolean allRunsEnded =
        endedCount(baseline) >= Math.max(plannedSeeds, baseline.size())
            && endedCount(fix) >= Math.max(plannedSeeds, fix.size());
    Optional<Judgement> compared = compare(baseline, fix);
    if (compared.isEmpty() && allRunsEnded && !baseline.isEmpty() && !fix.isEmpty()) {
      return Optional.of(notCompared(baseline)); // final: no seed will ever be comparable
    }
    return compared.map(
        j ->
            j.complete() == allRunsEnded
                ? j
                : new Judgement(
                    j.seeds(),
                    j.comparedEpoch(),
                    j.baselineSymptoms(),
                    j.fixSymptoms(),
                    j.fixHints(),
                    j.fixLearns(),
                    j.baselineMetric(),
                    j.fixMetric(),
                    j.delta(),
                    j.spread(),
                    j.improvementSupported(),
                    j.noWorse(),
                    j.epochsToLearn(),
                    allRunsEnded));
  }

  /**
   * Every run has ended and no seed ran on both sides (the fix's or the baseline's seeds failed): a
   * final verdict that compares nothing - no metric, nothing resolved - so the fix is reported as
   * not compared instead of being waited for.
   */
  private Judgement notCompared(List<RunHistory> baseline) {
    List<Diagnosis> diagnoses =
        baseline.stream()
            .filter(run -> !run.epochs().isEmpty() && !run.failed())
            .map(run -> readings.diagnose(run, run.epochs()))
            .toList();
    return new Judgement(
        0,
        0,
        majoritySymptoms(diagnoses),
        Set.of(),
        Set.of(),
        false,
        mean(diagnoses.stream().map(Diagnosis::metric).toList()),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        false,
        Optional.empty(),
        true);
  }

  private static long endedCount(List<RunHistory> runs) {
    return runs.stream().filter(RunHistory::ended).count();
  }

  private Optional<Judgement> compare(List<RunHistory> baseline, List<RunHistory> fix) {
    Map<Integer, RunHistory> baselineBySeed = bySeed(baseline);
    Map<Integer, RunHistory> fixBySeed = bySeed(fix);
    baselineBySeed.keySet().retainAll(fixBySeed.keySet());
    if (baselineBySeed.isEmpty()) {
      return Optional.empty();
    }
    List<Diagnosis> baselineDiagnoses = new ArrayList<>();
    List<Diagnosis> fixDiagnoses = new ArrayList<>();
    List<Double> deltas = new ArrayList<>();
    List<Integer> learnedAt = new ArrayList<>();
    int comparedEpoch = 0;
    boolean complete = true;
    for (Map.Entry<Integer, RunHistory> entry : baselineBySeed.entrySet()) {
      RunHistory base = entry.getValue();
      RunHistory candidate = fixBySeed.get(entry.getKey());
      int epoch = Math.min(base.comparableUntil(), candidate.comparableUntil());
      epoch =
          epoch == Integer.MAX_VALUE ? Math.max(base.lastEpoch(), candidate.lastEpoch()) : epoch;
      List<EpochMetrics> baseEpochs = base.upTo(epoch);
      List<EpochMetrics> fixEpochs = candidate.upTo(epoch);
      complete &= base.ended() && candidate.ended();
      if (baseEpochs.isEmpty() || fixEpochs.isEmpty() || base.failed() || candidate.failed()) {
        continue;
      }
      Diagnosis b = readings.diagnose(base, baseEpochs);
      Diagnosis f = readings.diagnose(candidate, fixEpochs);
      baselineDiagnoses.add(b);
      fixDiagnoses.add(f);
      deltas.add(f.metric() - b.metric());
      readings.firstLearningEpoch(candidate, fixEpochs).ifPresent(learnedAt::add);
      comparedEpoch = Math.max(comparedEpoch, epoch);
    }
    if (deltas.isEmpty()) {
      return Optional.empty();
    }
    double delta = mean(deltas);
    double spread = sampleStd(deltas);
    double standardError = spread / Math.sqrt(deltas.size());
    // one margin both ways: a gain must beat it to count, a loss must beat it to count against the
    // fix
    double margin =
        Math.max(thresholds.verdictMinDelta(), thresholds.verdictSpreadFactor() * standardError);
    boolean supported = delta >= margin;
    boolean noWorse = delta > -margin;
    long learning =
        fixDiagnoses.stream().filter(d -> d.state() == LearningAssessment.LEARNING).count();
    return Optional.of(
        new Judgement(
            deltas.size(),
            comparedEpoch,
            majoritySymptoms(baselineDiagnoses),
            majoritySymptoms(fixDiagnoses),
            majorityHints(fixDiagnoses),
            learning * 2 >= fixDiagnoses.size(),
            mean(baselineDiagnoses.stream().map(Diagnosis::metric).toList()),
            mean(fixDiagnoses.stream().map(Diagnosis::metric).toList()),
            delta,
            spread,
            supported,
            noWorse,
            learnedAt.isEmpty()
                ? Optional.empty()
                : Optional.of(mean(learnedAt.stream().map(Integer::doubleValue).toList())),
            complete));
  }

  /**
   * The symptoms of a variant across its seeds by the {@link SeedMajority} rule. Runs that FAILED
   * are not counted at all: a crash is neither a symptom nor evidence of its absence.
   */
  public static Set<Symptom> majoritySymptoms(List<Diagnosis> diagnoses) {
    return majority(diagnoses, Diagnosis::symptoms);
  }

  /**
   * The advisory findings a variant's runs show as hints, by the same {@link SeedMajority} rule.
   */
  static Set<Symptom> majorityHints(List<Diagnosis> diagnoses) {
    return majority(diagnoses, Diagnosis::hintSymptoms);
  }

  private static Set<Symptom> majority(
      List<Diagnosis> diagnoses, Function<Diagnosis, Set<Symptom>> findings) {
    Set<Symptom> majority = EnumSet.noneOf(Symptom.class);
    majority.addAll(
        SeedMajority.of(
            diagnoses.stream()
                .filter(d -> d.state() != LearningAssessment.FAILED)
                .map(findings)
                .toList()));
    return majority;
  }

  private static Map<Integer, RunHistory> bySeed(List<RunHistory> runs) {
    return runs.stream()
        .collect(Collectors.toMap(RunHistory::seed, r -> r, (a, b) -> b, TreeMap::new));
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  static double sampleStd(List<Double> values) {
    if (values.size() < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(squares / (values.size() - 1));
  }
}
