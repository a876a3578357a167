package dev.unstuck.diagnosis;

/** A run's learning state after an epoch. */
public enum LearningState {
  LEARNING,
  NOT_LEARNING,
  DIVERGED
}
