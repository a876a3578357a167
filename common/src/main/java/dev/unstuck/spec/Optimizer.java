package dev.unstuck.spec;

/** Gradient updaters. */
public enum Optimizer {
  SGD,
  ADAM,
  NESTEROVS,
  RMSPROP,
  ADAGRAD
}
