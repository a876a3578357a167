package dev.unstuck.fix;

/**
 * The families BI users group fixes by. BASELINE marks the unchanged model and PROBE a diagnostic
 * run (a variant retrained on permuted labels): neither is a fix, and neither gets a verdict.
 */
public enum FixFamily {
  BASELINE,
  LEARNING_RATE,
  REGULARISATION,
  RESAMPLING,
  GRADIENT_CLIPPING,
  NORMALISATION,
  INITIALISATION,
  ACTIVATION,
  CAPACITY,
  BATCH_SIZE,
  DATA,
  /** Fixes of different families applied together (the second round of fixes: auto). */
  COMBINED,
  PROBE
}
