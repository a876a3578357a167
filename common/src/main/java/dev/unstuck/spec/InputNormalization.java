package dev.unstuck.spec;

/** Input feature scaling, always fitted on the training split only. */
public enum InputNormalization {
  NONE,
  STANDARD,
  MINMAX
}
