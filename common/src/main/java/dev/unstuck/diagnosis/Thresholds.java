package dev.unstuck.diagnosis;

import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every threshold the detectors and verdicts use, in one place, documented in the README's table
 * (ThresholdsTest keeps the two equal). Defaults start from the values published with AUTOTRAINER,
 * DeepDiagnosis and SageMaker Debugger, changed where a measurement said so (as noted per
 * threshold); {@link #withOverrides} changes any of them by name.
 *
 * @param divergenceLoss validation loss at or above this is divergence
 * @param divergenceRiseFactor training loss this many times its best so far is divergence
 * @param divergenceChanceLossFactor training loss this many times a uniform guess's (ln classes) is
 *     divergence: weights blown up so far that the network is confidently wrong, even without NaN
 *     (measured: SGD at lr 50 on raw digits sits at loss 20.7, 9x ln 10, and never reaches NaN)
 * @param explodingGradientRatio gradient norm first layer / last layer above this: exploding
 * @param vanishingGradientRatio gradient norm first / last below this ...
 * @param vanishingFirstLayerNorm ... and first-layer gradient norm below this: vanishing
 * @param vanishingMeanAbsGradient or mean |gradient| of a hidden layer below this: vanishing
 * @param deadUnitFraction share of a ReLU layer's units that output 0 for every input
 * @param saturatedFraction share of a sigmoid/tanh layer's activations at the flat ends
 * @param oscillationSwing a reversal of validation balanced accuracy at least this large is a swing
 * @param oscillationEpochShare share of epochs that are swings
 * @param slowConvergenceGain best one-epoch gain in balanced accuracy (train and validation) below
 *     this
 * @param plateauWindow epochs a plateau is judged over
 * @param plateauRelativeDecrease loss falling by less than this share over the window is flat
 * @param plateauShareOfProgress for underfitting, the loss is also on its plateau when the window
 *     brought less than this share of the decrease since the first epoch: the curve has bent flat
 *     (a network too small for its task keeps creeping down by a few percent; measured with PyTorch
 *     on digits with two hidden units, the last five of twelve epochs brought 10 % and 13 % of the
 *     progress; a steady learner's straight line brings 36 %)
 * @param minEpochs epochs needed before trend rules (plateau, oscillation, slow convergence) speak
 * @param learningMargin validation balanced accuracy must beat chance (1/classes) by this to count
 *     as learning
 * @param collapseAccuracyTolerance accuracy within this of the majority-class rate ...
 * @param collapseMinorityRecall ... and a minority class recall at or below this: collapse
 * @param imbalanceFactor the data is imbalanced when the majority rate is at least this times
 *     1/classes
 * @param overfitGap train minus validation accuracy at least this ...
 * @param overfitValLossRise ... and validation loss this share above its best: overfitting
 * @param underfitTrainAccuracy training balanced accuracy below this ...
 * @param underfitGap ... and within this of validation, loss flat: underfitting
 * @param featureScale an input feature with |mean| or std above this is unnormalised
 * @param verdictMinDelta a fix must beat the baseline's validation metric by at least this ...
 * @param verdictSpreadFactor ... and by this many standard errors of the seed-to-seed delta
 */
public record Thresholds(
    double divergenceLoss,
    double divergenceRiseFactor,
    double divergenceChanceLossFactor,
    double explodingGradientRatio,
    double vanishingGradientRatio,
    double vanishingFirstLayerNorm,
    double vanishingMeanAbsGradient,
    double deadUnitFraction,
    double saturatedFraction,
    double oscillationSwing,
    double oscillationEpochShare,
    double slowConvergenceGain,
    int plateauWindow,
    double plateauRelativeDecrease,
    double plateauShareOfProgress,
    int minEpochs,
    double learningMargin,
    double collapseAccuracyTolerance,
    double collapseMinorityRecall,
    double imbalanceFactor,
    double overfitGap,
    double overfitValLossRise,
    double underfitTrainAccuracy,
    double underfitGap,
    double featureScale,
    double verdictMinDelta,
    double verdictSpreadFactor)
    implements Serializable {

  public static final Thresholds DEFAULTS =
      new Thresholds(
          1e5, 10, 5, 70, 1e-3, 1e-4, 1e-7, 0.7, 0.5, 0.03, 0.2, 0.01, 5, 0.01, 0.2, 3, 0.1, 0.02,
          0.05, 1.5, 0.1, 0.05, 0.7, 0.05, 10, 0.02, 2);

  /**
   * A threshold's value from text: a finite number (an integer where the threshold counts
   * something).
   */
  private static Object parse(RecordComponent component, String text) {
    try {
      if (component.getType() == int.class) {
        return Integer.parseInt(text);
      }
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        // NaN fails every comparison: a detector given it would never fire, silently
        throw new IllegalArgumentException(
            "threshold " + component.getName() + ": '" + text + "' is not a finite number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "threshold "
              + component.getName()
              + ": '"
              + text
              + "' is not "
              + (component.getType() == int.class ? "an integer" : "a number"),
          e);
    }
  }

  /** A copy with the named thresholds replaced, e.g. {@code {deadUnitFraction: 0.8}}. */
  public Thresholds withOverrides(Map<String, String> overrides) {
    RecordComponent[] components = Thresholds.class.getRecordComponents();
    Map<String, String> unknown = new HashMap<>(overrides);
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        String text = unknown.remove(component.getName());
        Object current = component.getAccessor().invoke(this);
        if (text == null) {
          values[i] = current;
        } else {
          values[i] = parse(component, text.trim());
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown thresholds "
                + unknown.keySet()
                + "; known: "
                + Arrays.stream(components).map(RecordComponent::getName).toList());
      }
      Class<?>[] types =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      return Thresholds.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy thresholds", e);
    }
  }
}
