package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.LearningAssessment;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.spec.Activation;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.LossFunction;
import dev.unstuck.spec.LrSchedule;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.Optimizer;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.spec.WeightInit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The label-permutation probe. When no fix makes a baseline learn, either no fix tried reaches the
 * problem, or the labels carry nothing the features can predict. To tell them apart the sweep
 * trains a {@link #reference} network - the baseline's layers with settings that learn on ordinary
 * tabular data - twice: on the real labels, and on the same rows with the training labels in a
 * seeded random order, where nothing real can be learned. If the real labels do no better, seed by
 * seed, than the permuted ones by the margin that counts a run as learning (beyond the seed noise),
 * the data carries no signal, and the place to look is the data pipeline.
 *
 * <p>Why not retrain the user's own baseline on permuted labels: a baseline that does not learn
 * scores chance on both, whatever the data holds, and would blame sound data for a broken model.
 */
public final class LabelPermutation {
  private LabelPermutation() {}

  /**
   * The network the probe trains: the baseline's hidden layers, ReLU with He initialisation, Adam
   * at 0.001, standardised inputs, class weights (balanced accuracy is the metric, so a
   * majority-class collapse must not pass for "no signal"), and nothing else: no dropout, penalty,
   * batch norm, schedule, clipping, noise or early stop.
   */
  public static RunConfig reference(RunConfig baseline) {
    ModelSpec model =
        new ModelSpec(
            baseline.model().hidden(),
            Activation.RELU,
            WeightInit.HE,
            LossFunction.MCXENT,
            0,
            0,
            0,
            false);
    TrainingSpec b = baseline.training();
    TrainingSpec training =
        new TrainingSpec(
            Optimizer.ADAM,
            0.001,
            LrSchedule.NONE,
            b.batchSize(),
            b.epochs(),
            0,
            0,
            InputNormalization.STANDARD,
            Resampling.CLASS_WEIGHTS,
            0,
            0,
            b.seeds(),
            b.workers());
    return new RunConfig(model, training);
  }

  /**
   * Whether the sweep should probe: the baseline does not learn (in at least half of the seeds that
   * ran) and no fix learns or resolves any of its symptoms. A fix that learns has shown that the
   * labels carry signal.
   *
   * @param baseline the final diagnosis of each baseline seed
   * @param judgements every fix's final judgement against the baseline
   */
  public static boolean worthProbing(List<Diagnosis> baseline, Collection<Judgement> judgements) {
    List<Diagnosis> ran =
        baseline.stream().filter(d -> d.state() != LearningAssessment.FAILED).toList();
    long notLearning =
        ran.stream().filter(d -> d.state() == LearningAssessment.NOT_LEARNING).count();
    return SeedMajority.holds((int) notLearning, ran.size())
        && judgements.stream()
            .noneMatch(j -> j.fixLearns() || j.baselineSymptoms().stream().anyMatch(j::resolves));
  }

  /**
   * Real against permuted labels, over the seeds both have a final metric for.
   *
   * @param realMetric mean validation balanced accuracy with the real labels
   * @param permutedMetric same for the permuted labels
   * @param delta mean over seeds of real minus permuted
   * @param spread sample standard deviation of that delta (0 with one seed)
   * @param signal the real labels beat the permuted ones by the learning margin and the seed noise:
   *     signal
   */
  public record Reading(
      String variantId,
      int seeds,
      double realMetric,
      double permutedMetric,
      double delta,
      double spread,
      boolean signal) {}

  /**
   * Reads the probe of {@code variantId}; empty when no seed has a finite metric on both sides.
   *
   * @param realBySeed the probed variant's final validation balanced accuracy by seed
   * @param permutedBySeed the probe's, by seed
   */
  public static Optional<Reading> read(
      String variantId,
      Map<Integer, Double> realBySeed,
      Map<Integer, Double> permutedBySeed,
      Thresholds thresholds) {
    // the permuted labels measure chance as this model on this data meets it: learning means
    // beating it by the
    // margin that counts a run as learning, and by more than the seed-to-seed noise
    return PairedGain.of(realBySeed, permutedBySeed)
        .map(
            gain ->
                new Reading(
                    variantId,
                    gain.seeds(),
                    gain.metric(),
                    gain.otherMetric(),
                    gain.delta(),
                    gain.spread(),
                    gain.beats(thresholds.learningMargin(), thresholds.verdictSpreadFactor())));
  }
}
