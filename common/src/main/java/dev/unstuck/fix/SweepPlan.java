package dev.unstuck.fix;

import java.util.ArrayList;
import java.util.List;

/** A sweep expanded: the baseline and each fix, each with every seed. */
public record SweepPlan(String sweepId, List<Variant> variants, int seeds) {

  public SweepPlan {
    variants = List.copyOf(variants);
  }

  /** This plan with {@code more} variants after its own, same seeds: what a later round adds to a sweep. */
  public SweepPlan with(List<Variant> more) {
    List<Variant> all = new ArrayList<>(variants);
    all.addAll(more);
    return new SweepPlan(sweepId, all, seeds);
  }

  /** Only {@code variants}, with this plan's sweep and seeds: the runs a later round trains. */
  public SweepPlan of(List<Variant> only) {
    return new SweepPlan(sweepId, only, seeds);
  }

  public List<PlannedRun> runs() {
    return variants.stream()
        .flatMap(variant -> java.util.stream.IntStream.rangeClosed(1, seeds)
            .mapToObj(seed -> new PlannedRun(sweepId, variant, seed)))
        .toList();
  }

  public String summary() {
    int fixes = variants.size() - 1;
    return String.format("%s: baseline + %d fix%s = %d variant%s x %d seed%s = %d run%s",
        sweepId, fixes, fixes == 1 ? "" : "es", variants.size(), variants.size() == 1 ? "" : "s", seeds,
        seeds == 1 ? "" : "s", runs().size(), runs().size() == 1 ? "" : "s");
  }
}
