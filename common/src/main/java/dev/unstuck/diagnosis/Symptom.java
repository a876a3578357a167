package dev.unstuck.diagnosis;

/**
 * What can be wrong with a run. Blocking symptoms mean the run is not learning at all; the others
 * are warnings that often come with a run that learns, but badly. A few warnings are harmful in
 * themselves even when the validation metric holds ({@link #goneIsEnough()}): a fix that removes
 * them without losing accuracy resolves them.
 */
public enum Symptom {
  DIVERGING(true, false, "loss is NaN/Inf or blowing up"),
  EXPLODING_GRADIENTS(false, false, "gradients grow through the layers"),
  VANISHING_GRADIENTS(false, false, "gradients vanish before reaching the first layers"),
  DEAD_UNITS(false, false, "most ReLU units output 0 for every input"),
  SATURATED_ACTIVATIONS(false, false, "sigmoid/tanh units stuck at their flat ends"),
  OSCILLATING_LOSS(false, true, "validation accuracy swings from epoch to epoch"),
  SLOW_CONVERGENCE(false, false, "no epoch improves accuracy by much"),
  NOT_LEARNING(true, false, "loss flat and validation no better than guessing"),
  CLASS_IMBALANCE_COLLAPSE(true, false, "predicts only the majority class"),
  OVERFITTING(false, true, "memorises the training data, validation loss rising"),
  UNDERFITTING(false, false, "low accuracy on training and validation alike, loss on a plateau"),
  DATA_PIPELINE_ERROR(false, false, "NaN/Inf or unnormalised inputs");

  private final boolean blocking;
  private final boolean goneIsEnough;
  private final String meaning;

  Symptom(boolean blocking, boolean goneIsEnough, String meaning) {
    this.blocking = blocking;
    this.goneIsEnough = goneIsEnough;
    this.meaning = meaning;
  }

  public boolean blocking() {
    return blocking;
  }

  /**
   * The symptom is the harm, not a cause of lower accuracy: a memorising network's rising
   * validation loss (its confidence on new data goes wrong while accuracy may hold), a validation
   * metric that swings from epoch to epoch. A fix that removes it resolves it when the metric is no
   * worse - it need not be higher. For every other symptom the fix must also beat the baseline, or
   * the symptom's absence is no evidence the fix helped.
   */
  public boolean goneIsEnough() {
    return goneIsEnough;
  }

  public String meaning() {
    return meaning;
  }
}
