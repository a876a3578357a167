package dev.unstuck.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.testing.Curves;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The carried search answers exactly as {@link RunDiagnoser#firstLearningEpoch} re-diagnosing every
 * prefix: on every curve the test fixtures shape (each symptom, the healthy variety, late learners)
 * and on random ones, at every length, however the epochs arrive.
 */
class FirstLearningTest {
  private final RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);

  /**
   * Every curve the fixtures build, 30 epochs where the curve allows, plus learners that start
   * late.
   */
  static Map<String, List<EpochMetrics>> curves() {
    Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
    curves.put("healthy", Curves.healthy().epochs(30).build());
    curves.put("flat at chance", Curves.flatAtChance().epochs(30).build());
    curves.put("NaN divergence at 12", Curves.nanDivergence(12).epochs(30).build());
    curves.put("exploding loss", Curves.explodingLoss().epochs(30).build());
    curves.put("exploding gradients", Curves.explodingGradients().epochs(30).build());
    curves.put("oscillating", Curves.oscillating().epochs(30).build());
    curves.put("overfitting", Curves.overfitting().epochs(30).build());
    curves.put("class imbalance collapse", Curves.classImbalanceCollapse().epochs(30).build());
    curves.put("vanishing gradients", Curves.vanishingGradients().epochs(30).build());
    curves.put("dead relu", Curves.deadRelu().epochs(30).build());
    curves.put("saturated sigmoid", Curves.saturatedSigmoid().epochs(30).build());
    curves.put("underfitting", Curves.underfitting().epochs(30).build());
    curves.put("slow convergence", Curves.slowConvergence().epochs(30).build());
    curves.put("unnormalised inputs", Curves.unnormalisedInputs().epochs(30).build());
    curves.put("NaN inputs", Curves.nanInputs().epochs(30).build());
    curves.put("not learning until 9", Curves.healthy().epochs(30).notLearningUntil(9).build());
    curves.put(
        "not learning until 20, 3 classes",
        Curves.healthy().classes(3).epochs(30).notLearningUntil(20).build());
    curves.put(
        "learns, then fails",
        Curves.healthy().epochs(30).stopAfter(14).endingWith(TrainingStatus.FAILED).build());
    Curves.healthyVariety().forEach((name, curve) -> curves.put("healthy: " + name, curve.build()));
    return curves;
  }

  @Test
  void carriedEpochByEpochItAnswersAsDiagnosingEveryPrefix() {
    int learners = 0;
    for (Map.Entry<String, List<EpochMetrics>> curve : curves().entrySet()) {
      List<EpochMetrics> series = curve.getValue();
      FirstLearning carried = new FirstLearning(diagnoser);
      for (int length = 1; length <= series.size(); length++) {
        List<EpochMetrics> prefix = series.subList(0, length);
        assertThat(carried.of(prefix))
            .as("%s, first %d epochs", curve.getKey(), length)
            .isEqualTo(diagnoser.firstLearningEpoch(prefix));
      }
      learners += carried.found().isPresent() ? 1 : 0;
    }
    // the fixtures hold both kinds, late learners among them: the comparison covers found and never
    // found
    assertThat(learners).isBetween(5, curves().size() - 1);
    assertThat(new FirstLearning(diagnoser).of(curves().get("flat at chance"))).isEmpty();
    assertThat(new FirstLearning(diagnoser).of(curves().get("not learning until 20, 3 classes")))
        .contains(21);
  }

  @Test
  void batchesOfAnySizeAndARestoreBetweenThemChangeNothing() {
    Random random = new Random(12);
    for (Map.Entry<String, List<EpochMetrics>> curve : curves().entrySet()) {
      List<EpochMetrics> series = curve.getValue();
      FirstLearning carried = new FirstLearning(diagnoser);
      int length = 0;
      while (length < series.size()) {
        length = Math.min(series.size(), length + 1 + random.nextInt(6));
        List<EpochMetrics> prefix = series.subList(0, length);
        assertThat(carried.of(prefix))
            .as("%s, first %d epochs", curve.getKey(), length)
            .isEqualTo(diagnoser.firstLearningEpoch(prefix));
        // what the stream's state keeps of it, read back by the next batch
        carried = new FirstLearning(diagnoser, carried.checked(), carried.found().orElse(null));
      }
    }
  }

  @Test
  void randomCurvesAtEveryLength() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      List<EpochMetrics> series = randomCurve(random, 5 + random.nextInt(40));
      FirstLearning carried = new FirstLearning(diagnoser);
      for (int length = 1; length <= series.size(); length++) {
        List<EpochMetrics> prefix = series.subList(0, length);
        assertThat(carried.of(prefix))
            .as("random curve %d, first %d epochs", run, length)
            .isEqualTo(diagnoser.firstLearningEpoch(prefix));
      }
    }
  }

  @Test
  void anEpochChangedOutOfTurnIsSearchedAgainFromIt() {
    List<EpochMetrics> learnsAt2 = Curves.healthy().epochs(12).running().build();
    FirstLearning carried = new FirstLearning(diagnoser);
    assertThat(carried.of(learnsAt2)).contains(2);
    // epoch 2 arrives again as the terminal record of a run that diverged there: its prefix no
    // longer learns
    List<EpochMetrics> divergedAt2 =
        new ArrayList<>(
            Curves.healthy()
                .epochs(12)
                .running()
                .at(2, e -> e.status(TrainingStatus.DIVERGED))
                .build()
                .subList(0, 2));
    carried.changedAt(1, 2);
    assertThat(carried.of(divergedAt2))
        .isEqualTo(diagnoser.firstLearningEpoch(divergedAt2))
        .isEmpty();

    // a flat run checked to its end, then its last epoch replaced by one that learns
    List<EpochMetrics> flat = Curves.flatAtChance().epochs(12).running().build();
    FirstLearning flatCarried = new FirstLearning(diagnoser);
    assertThat(flatCarried.of(flat)).isEmpty();
    List<EpochMetrics> learnsLast = Curves.healthy().epochs(12).notLearningUntil(11).build();
    flatCarried.changedAt(11, 12);
    assertThat(flatCarried.of(learnsLast))
        .isEqualTo(diagnoser.firstLearningEpoch(learnsLast))
        .contains(12);
  }

  /**
   * Validation balanced accuracy on a random walk around chance plus the margin (2 to 4 classes), a
   * random loss, RUNNING until a random terminal last epoch: prefixes that learn, stop learning and
   * learn again.
   */
  private static List<EpochMetrics> randomCurve(Random random, int epochs) {
    int classes = 2 + random.nextInt(3);
    double chance = 1.0 / classes;
    double accuracy = chance;
    TrainingStatus end =
        TrainingStatus.values()[1 + random.nextInt(TrainingStatus.values().length - 1)];
    List<EpochMetrics> healthy =
        Curves.healthy().classes(classes).epochs(epochs).endingWith(end).build();
    List<EpochMetrics> series = new ArrayList<>();
    for (EpochMetrics e : healthy) {
      accuracy = Math.max(0, Math.min(1, accuracy + (random.nextDouble() - 0.4) * 0.12));
      double loss = e.trainLoss() * (0.5 + random.nextDouble());
      series.add(
          new EpochMetrics(
              e.epoch(),
              e.status(),
              e.numClasses(),
              loss,
              loss * 1.1,
              accuracy,
              accuracy,
              accuracy,
              accuracy,
              e.valPerClassRecall(),
              e.majorityClassRate(),
              e.layers(),
              e.nonFinite(),
              e.maxAbsFeatureMean(),
              e.maxFeatureStd()));
    }
    return series;
  }

  @Test
  void aStoredAnswerIsKeptAsItWasFound() {
    FirstLearning restored = new FirstLearning(diagnoser, 3, 4);
    assertThat(restored.of(List.of())).contains(4);
    assertThat(restored.found()).isEqualTo(Optional.of(4));
  }
}
