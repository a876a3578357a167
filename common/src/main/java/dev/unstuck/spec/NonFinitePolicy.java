package dev.unstuck.spec;

/**
 * What to do with NaN/Inf feature values. REPORT keeps them, so the telemetry counts them and the
 * diagnosis can name a data-pipeline error; DROP removes the rows; FAIL stops before training.
 */
public enum NonFinitePolicy {
  REPORT,
  DROP,
  FAIL
}
