package dev.unstuck.spec;

/**
 * Dataset formats for a sweep: every one but {@code idx} is read by Spark; {@code idx} (the MNIST
 * family's image files, gzipped or not) is read by Unstuck itself, with its labels file beside it.
 */
public enum DataFormat {
  CSV,
  PARQUET,
  LIBSVM,
  JSON,
  ORC,
  IDX
}
