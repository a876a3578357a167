package dev.unstuck.spec;

/** Learning-rate schedule over epochs. */
public enum LrSchedule {
  NONE,
  STEP,
  EXPONENTIAL
}
