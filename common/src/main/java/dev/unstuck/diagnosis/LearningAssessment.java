package dev.unstuck.diagnosis;

/**
 * Whether a run is learning, as judged after an epoch. FAILED: training threw (a crash is not a
 * symptom of the model, so such a run has no symptoms and takes no part in any verdict). On the
 * wire it is the Avro {@code LearningState} of a diagnosis, which also has UNKNOWN for a record
 * that cannot say.
 */
public enum LearningAssessment {
  LEARNING,
  NOT_LEARNING,
  DIVERGED,
  FAILED
}
