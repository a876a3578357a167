package dev.unstuck.fix;

/**
 * One training run of a sweep: a variant with one seed, under a stable, readable id, in one
 * execution of the sweep ({@link SweepPlan#executionId()}).
 */
public record PlannedRun(String sweepId, String executionId, Variant variant, int seed) {

  /**
   * E.g. {@code churn-baseline/lr-x0.1/seed-2}: the same spec gives the same ids on every re-run;
   * the execution id tells the re-runs apart.
   */
  public String runId() {
    return runId(sweepId, variant.id(), seed);
  }

  public static String runId(String sweepId, String variantId, int seed) {
    return sweepId + "/" + variantId + "/seed-" + seed;
  }
}
