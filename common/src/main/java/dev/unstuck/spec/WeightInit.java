package dev.unstuck.spec;

/** Weight initialisation schemes. NORMAL is N(0, 1), the classic "poor initialisation" for deep nets. */
public enum WeightInit {
  XAVIER,
  HE,
  LECUN,
  NORMAL,
  UNIFORM,
  ZERO
}
