package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Symptom;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fix judged against its baseline over the same seeds.
 *
 * @param seeds seeds present for both
 * @param comparedEpoch epoch both were compared at
 * @param baselineSymptoms symptoms of the baseline (present in at least half its seeds)
 * @param fixSymptoms symptoms of the fix, same rule
 * @param fixHints advisory findings the fix still shows as hints, same rule: a learning fix's
 *     unnormalised inputs are no symptom of it, but a fix that leaves them as they were has not
 *     resolved them
 * @param fixLearns the fix's runs are LEARNING (at least half of them)
 * @param baselineMetric mean validation balanced accuracy of the baseline
 * @param fixMetric same for the fix
 * @param delta mean over seeds of fix minus baseline
 * @param spread sample standard deviation of that delta (0 with one seed)
 * @param improvementSupported the delta beats the minimum and the seed-to-seed noise
 * @param noWorse the delta is not below minus that same margin: the fix costs no measurable
 *     accuracy
 * @param epochsToLearn mean first LEARNING epoch over the fix's runs that learned
 * @param complete every compared run ended: the verdict is final
 */
public record Judgement(
    int seeds,
    int comparedEpoch,
    Set<Symptom> baselineSymptoms,
    Set<Symptom> fixSymptoms,
    Set<Symptom> fixHints,
    boolean fixLearns,
    double baselineMetric,
    double fixMetric,
    double delta,
    double spread,
    boolean improvementSupported,
    boolean noWorse,
    Optional<Double> epochsToLearn,
    boolean complete) {

  /**
   * Resolved: the symptom is gone with the fix, the fix learns, and it is measurably better - or,
   * for a symptom that is harmful in itself ({@link Symptom#goneIsEnough()}), measurably no worse.
   * A fix that brings a blocking symptom of its own (it diverges in half its seeds) resolves
   * nothing, whatever its surviving seeds show.
   */
  public boolean resolves(Symptom symptom) {
    return baselineSymptoms.contains(symptom)
        && !fixSymptoms.contains(symptom)
        && !fixHints.contains(symptom)
        && newSymptoms().stream().noneMatch(Symptom::blocking)
        && fixLearns
        && (improvementSupported || symptom.goneIsEnough() && noWorse);
  }

  public List<Symptom> remainingSymptoms() {
    return baselineSymptoms.stream().filter(fixSymptoms::contains).sorted().toList();
  }

  public List<Symptom> newSymptoms() {
    return fixSymptoms.stream().filter(s -> !baselineSymptoms.contains(s)).sorted().toList();
  }
}
