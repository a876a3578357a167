package dev.unstuck.diagnosis;

/** Where a run stands. Every status but RUNNING is terminal. */
public enum RunStatus {
  RUNNING,
  FINISHED,
  DIVERGED,
  FAILED;

  public boolean terminal() {
    return this != RUNNING;
  }
}
