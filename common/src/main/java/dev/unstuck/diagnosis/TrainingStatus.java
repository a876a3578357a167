package dev.unstuck.diagnosis;

/**
 * Where a run stands in its training. Every status but RUNNING is terminal. On the wire it is the
 * Avro {@code RunStatus} of the telemetry (named in published schemas, so it keeps its name; the
 * mappers in {@code wire/} translate).
 */
public enum TrainingStatus {
  RUNNING,
  FINISHED,
  DIVERGED,
  FAILED;

  public boolean terminal() {
    return this != RUNNING;
  }
}
