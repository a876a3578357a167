package dev.unstuck.spec;

/** How the training split is rebalanced. Validation is never resampled. */
public enum Resampling {
  NONE,
  OVERSAMPLE,
  UNDERSAMPLE,
  CLASS_WEIGHTS
}
