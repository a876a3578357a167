package dev.unstuck.spec;

/**
 * How a convolution or pooling window meets the border: {@code valid} only where the window fits
 * (output floor((in - kernel) / stride) + 1), {@code same} zero-padded so the output is ceil(in /
 * stride), as in Keras.
 */
public enum Padding {
  VALID,
  SAME
}
