package dev.unstuck.spec;

/** Hidden-layer activation functions a spec may name. */
public enum Activation {
  RELU,
  LEAKYRELU,
  ELU,
  TANH,
  SIGMOID,
  SOFTPLUS,
  IDENTITY;

  /** Squashing activations whose units can saturate at the flat ends. */
  public boolean saturates() {
    return this == TANH || this == SIGMOID;
  }

  /** Activations whose units can die (output 0 for every input). */
  public boolean canDie() {
    return this == RELU;
  }
}
