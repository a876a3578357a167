package dev.unstuck.fix;

/** One training run of a sweep: a variant with one seed, under a stable, readable id. */
public record PlannedRun(String sweepId, Variant variant, int seed) {

  /** E.g. {@code churn-baseline/lr-x0.1/seed-2}: the same spec gives the same ids on every re-run. */
  public String runId() {
    return runId(sweepId, variant.id(), seed);
  }

  public static String runId(String sweepId, String variantId, int seed) {
    return sweepId + "/" + variantId + "/seed-" + seed;
  }
}
