package dev.unstuck.fix;

/** The families BI users group fixes by. BASELINE marks the unchanged model, which is not a fix. */
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
  DATA
}
