package dev.unstuck.fix;

import java.util.List;

/** A sweep expanded: the baseline and each fix, each with every seed. */
public record SweepPlan(String sweepId, List<Variant> variants, int seeds) {

  public SweepPlan {
    variants = List.copyOf(variants);
  }

  public List<PlannedRun> runs() {
    return variants.stream()
        .flatMap(variant -> java.util.stream.IntStream.rangeClosed(1, seeds)
            .mapToObj(seed -> new PlannedRun(sweepId, variant, seed)))
        .toList();
  }

  public String summary() {
    int fixes = variants.size() - 1;
    return String.format("%s: baseline + %d fix%s = %d variants x %d seed%s = %d runs",
        sweepId, fixes, fixes == 1 ? "" : "es", variants.size(), seeds, seeds == 1 ? "" : "s", runs().size());
  }
}
