package dev.unstuck.verdict;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for what a variant "has" across its seeds: a finding seen in at least half of the
 * seeds that ran (ties count). With three or more seeds one unlucky seed does not decide; with two,
 * either seed counts, erring towards reporting it. The verdicts ({@link FixJudge}), {@code fixes:
 * auto} and the printed answer all use it, so a symptom the answer names always has its verdict
 * rows and the other way round.
 */
public final class SeedMajority {
  private SeedMajority() {}

  /** True when {@code seedsWith} of {@code seeds} is at least half; never with no seed. */
  public static boolean holds(int seedsWith, int seeds) {
    return seeds > 0 && seedsWith * 2 >= seeds;
  }

  /**
   * The findings present in at least half of {@code perSeed} (one collection per seed), in
   * first-seen order.
   */
  public static <T> Set<T> of(List<? extends Collection<T>> perSeed) {
    Map<T, Integer> counts = new LinkedHashMap<>();
    perSeed.forEach(findings -> findings.forEach(f -> counts.merge(f, 1, Integer::sum)));
    Set<T> majority = new LinkedHashSet<>();
    counts.forEach(
        (finding, count) -> {
          if (holds(count, perSeed.size())) {
            majority.add(finding);
          }
        });
    return majority;
  }
}
