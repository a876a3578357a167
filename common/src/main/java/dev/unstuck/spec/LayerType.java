package dev.unstuck.spec;

/**
 * The layer entries of {@code model.layers}, spelled in YAML as {@code dense}, {@code conv2d},
 * {@code maxpool}...
 */
public enum LayerType {
  DENSE,
  CONV2D,
  MAXPOOL,
  AVGPOOL,
  BATCHNORM,
  DROPOUT,
  FLATTEN;

  /**
   * Layers with weights whose width a capacity fix scales and after which batch normalisation goes.
   */
  public boolean hasWeights() {
    return this == DENSE || this == CONV2D;
  }

  /** Layers that need an image (height, width, channels) as input. */
  public boolean needsImage() {
    return this == CONV2D || this == MAXPOOL || this == AVGPOOL;
  }
}
