package dev.unstuck.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A sweep expanded: the baseline and each fix, each with every seed, in one execution of the sweep.
 *
 * @param executionId which submission of the sweep trains these runs ({@link ExecutionIds}); every
 *     record of its runs carries it, so a re-run of the same sweep name is told apart from the
 *     earlier ones. Empty until the sweep job gives the plan its execution ({@link #inExecution}).
 */
public record SweepPlan(String sweepId, String executionId, List<Variant> variants, int seeds) {

  public SweepPlan {
    variants = List.copyOf(variants);
  }

  /** A plan not yet given an execution (what the spec says; the sweep job gives it one). */
  public SweepPlan(String sweepId, List<Variant> variants, int seeds) {
    this(sweepId, "", variants, seeds);
  }

  /** This plan, trained as execution {@code id}. */
  public SweepPlan inExecution(String id) {
    return new SweepPlan(sweepId, id, variants, seeds);
  }

  /**
   * This plan with {@code more} variants after its own, same seeds: what a later round adds to a
   * sweep.
   */
  public SweepPlan with(List<Variant> more) {
    List<Variant> all = new ArrayList<>(variants);
    all.addAll(more);
    return new SweepPlan(sweepId, executionId, all, seeds);
  }

  /**
   * Only {@code variants}, with this plan's sweep, execution and seeds: the runs a later round
   * trains.
   */
  public SweepPlan of(List<Variant> only) {
    return new SweepPlan(sweepId, executionId, only, seeds);
  }

  public List<PlannedRun> runs() {
    return variants.stream()
        .flatMap(
            variant ->
                IntStream.rangeClosed(1, seeds)
                    .mapToObj(seed -> new PlannedRun(sweepId, executionId, variant, seed)))
        .toList();
  }

  public String summary() {
    int fixes = variants.size() - 1;
    return String.format(
        "%s: baseline + %d fix%s = %d variant%s x %d seed%s = %d run%s",
        sweepId,
        fixes,
        fixes == 1 ? "" : "es",
        variants.size(),
        variants.size() == 1 ? "" : "s",
        seeds,
        seeds == 1 ? "" : "s",
        runs().size(),
        runs().size() == 1 ? "" : "s");
  }
}
