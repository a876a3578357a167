package dev.unstuck.spec;

/** Loss of the output layer. MCXENT pairs with softmax, MSE with identity outputs. */
public enum LossFunction {
  MCXENT,
  MSE,
  NEGATIVELOGLIKELIHOOD
}
