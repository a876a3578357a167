package dev.unstuck.spec;

/**
 * Weight initialisation schemes. Each name means what Deeplearning4j means by it (fanIn/fanOut: a
 * layer's inputs and outputs), so a spec reads the same to a DL4J user; the README's reference
 * table lists them.
 */
public enum WeightInit {
  /** DL4J XAVIER: N(0, 2 / (fanIn + fanOut)). */
  XAVIER,
  /** He (DL4J RELU): N(0, 2 / fanIn). */
  HE,
  /** DL4J LECUN_NORMAL: N(0, 1 / fanIn), the same distribution as NORMAL. */
  LECUN,
  /** DL4J NORMAL: N(0, 1 / fanIn). Not N(0, 1): that is UNIT_NORMAL. */
  NORMAL,
  /**
   * N(0, 1) whatever the fan-in: the classic poor initialisation of a deep network (huge
   * pre-activations that saturate sigmoid/tanh units), named explicitly so that no one gets it by
   * writing {@code normal}.
   */
  UNIT_NORMAL,
  /** DL4J UNIFORM: U(-a, a) with a = 1 / sqrt(fanIn). */
  UNIFORM,
  /**
   * All weights 0: every unit of a layer stays identical (a symmetry that training cannot break).
   */
  ZERO
}
