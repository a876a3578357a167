package dev.unstuck.diagnosis;

/**
 * What can be wrong with a run. Blocking symptoms mean the run is not learning at all; the others are warnings
 * that often come with a run that learns, but badly.
 */
public enum Symptom {
  DIVERGING(true, "loss is NaN/Inf or blowing up"),
  EXPLODING_GRADIENTS(false, "gradients grow through the layers"),
  VANISHING_GRADIENTS(false, "gradients vanish before reaching the first layers"),
  DEAD_UNITS(false, "most ReLU units output 0 for every input"),
  SATURATED_ACTIVATIONS(false, "sigmoid/tanh units stuck at their flat ends"),
  OSCILLATING_LOSS(false, "validation accuracy swings from epoch to epoch"),
  SLOW_CONVERGENCE(false, "no epoch improves accuracy by much"),
  NOT_LEARNING(true, "loss flat and validation no better than guessing"),
  CLASS_IMBALANCE_COLLAPSE(true, "predicts only the majority class"),
  OVERFITTING(false, "memorises the training data, validation loss rising"),
  UNDERFITTING(false, "low accuracy on training and validation alike, loss on a plateau"),
  DATA_PIPELINE_ERROR(false, "NaN/Inf or unnormalised inputs");

  private final boolean blocking;
  private final String meaning;

  Symptom(boolean blocking, String meaning) {
    this.blocking = blocking;
    this.meaning = meaning;
  }

  public boolean blocking() {
    return blocking;
  }

  public String meaning() {
    return meaning;
  }
}
