package dev.unstuck.diagnosis;

/**
 * A run's learning state after an epoch. FAILED: training threw (a crash is not a symptom of the
 * model, so such a run has no symptoms and takes no part in any verdict).
 */
public enum LearningState {
  LEARNING,
  NOT_LEARNING,
  DIVERGED,
  FAILED
}
