package dev.unstuck.scenario;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.testing.Scenario;
import java.util.EnumSet;
import java.util.Set;

/**
 * The reference's own plain rules for "learns" and for each fault, on a run it trained itself. They
 * follow the meaning of each symptom, not Unstuck's detectors (which read telemetry this reference
 * never produces).
 */
final class FaultCheck {
  /** Beating chance (1/classes) by this much in validation balanced accuracy is learning. */
  static final double MARGIN = 0.1;

  /** What a healthy control must not show. */
  private static final Set<Symptom> HEALTHY_MUST_NOT_SHOW =
      EnumSet.of(
          Symptom.DIVERGING,
          Symptom.CLASS_IMBALANCE_COLLAPSE,
          Symptom.OVERFITTING,
          Symptom.DEAD_UNITS,
          Symptom.UNDERFITTING);

  private FaultCheck() {}

  /**
   * Learns: the training loss is finite and lower after the last epoch than after the first, and
   * validation balanced accuracy beats chance by {@link #MARGIN}.
   */
  static boolean learns(ReferenceRun.Result run, int classes) {
    ReferenceRun.Epoch last = run.last();
    return Double.isFinite(last.trainLoss())
        && last.trainLoss() < run.first().trainLoss()
        && last.validationBalancedAccuracy() >= 1.0 / classes + MARGIN;
  }

  static boolean shows(Symptom symptom, ReferenceRun.Result run, int classes) {
    ReferenceRun.Epoch last = run.last();
    return switch (symptom) {
      // the loss became NaN/Inf, or ends above twice a uniform guess's (ln classes)
      case DIVERGING ->
          run.epochs().stream().anyMatch(e -> !Double.isFinite(e.trainLoss()))
              || last.trainLoss() > 2 * Math.log(classes);
      case NOT_LEARNING, SLOW_CONVERGENCE, DATA_PIPELINE_ERROR -> !learns(run, classes);
      case CLASS_IMBALANCE_COLLAPSE ->
          last.minClassRecall() <= 0.05; // some class is (almost) never predicted
      case VANISHING_GRADIENTS -> !learns(run, classes) && run.gradientRatio() < 0.01;
      case SATURATED_ACTIVATIONS -> !learns(run, classes) && run.saturatedFraction() >= 0.5;
      case DEAD_UNITS -> run.deadFraction() >= 0.5;
      // fits the training split far better than validation, and validation loss is 10 % above its
      // best
      case OVERFITTING ->
          last.trainBalancedAccuracy() - last.validationBalancedAccuracy() >= 0.1
              && last.validationLoss()
                  >= 1.1
                      * run.epochs().stream()
                          .mapToDouble(ReferenceRun.Epoch::validationLoss)
                          .min()
                          .orElseThrow();
      case UNDERFITTING -> last.trainBalancedAccuracy() < 0.7; // cannot even fit its training split
      default -> throw new IllegalArgumentException("the reference has no rule for " + symptom);
    };
  }

  /**
   * The run shows the scenario's fault (any of its symptoms); for a healthy control, any fault or
   * no learning.
   */
  static boolean faulty(Scenario scenario, ReferenceRun.Result run, int classes) {
    if (scenario.healthy()) {
      return !learns(run, classes)
          || HEALTHY_MUST_NOT_SHOW.stream().anyMatch(s -> shows(s, run, classes));
    }
    return scenario.faults().stream().anyMatch(s -> shows(s, run, classes));
  }

  /** The run learns and does not show the scenario's fault. */
  static boolean resolved(Scenario scenario, ReferenceRun.Result run, int classes) {
    return learns(run, classes) && !faulty(scenario, run, classes);
  }
}
