package dev.unstuck.spec;

/** Dataset formats Spark reads for a sweep. */
public enum DataFormat {
  CSV,
  PARQUET,
  LIBSVM,
  JSON,
  ORC
}
