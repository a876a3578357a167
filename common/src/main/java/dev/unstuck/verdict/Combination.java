package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.FixFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second round of {@code fixes: auto}: the best resolving fixes of the two best families, tried
 * together. A combination is kept only if it beats each of its fixes alone, seed by seed, by the
 * margin a fix must beat the baseline by ({@code verdictMinDelta}, and {@code verdictSpreadFactor}
 * standard errors): two fixes that each work are not better together unless the runs say so.
 */
public final class Combination {
  /** Families combined: two keeps the second round to one variant and its cause readable. */
  static final int FAMILIES = 2;

  private Combination() {}

  /** A first-round fix and its verdict against the baseline. */
  public record Candidate(String fixId, FixFamily family, Judgement judgement) {}

  /**
   * The fixes to combine, best first: of the fixes that resolved a baseline symptom, the one with
   * the largest gain in each family, from the two families whose best gains are largest. Empty
   * unless two families resolved something.
   */
  public static List<String> fixesToCombine(List<Candidate> firstRound) {
    Map<FixFamily, Candidate> bestOfFamily = new LinkedHashMap<>();
    firstRound.stream()
        .filter(
            c ->
                c.judgement().complete()
                    && c.judgement().baselineSymptoms().stream().anyMatch(c.judgement()::resolves))
        .forEach(
            c ->
                bestOfFamily.merge(
                    c.family(),
                    c,
                    (a, b) -> b.judgement().delta() > a.judgement().delta() ? b : a));
    if (bestOfFamily.size() < FAMILIES) {
      return List.of();
    }
    return bestOfFamily.values().stream()
        .sorted(Comparator.comparingDouble((Candidate c) -> c.judgement().delta()).reversed())
        .limit(FAMILIES)
        .map(Candidate::fixId)
        .toList();
  }

  /**
   * The combination against each fix alone.
   *
   * @param gains the combination's gain over each of its fixes, by fix id; a fix with no comparable
   *     seed is absent
   * @param kept it beats every fix alone
   */
  public record Reading(String combinationId, Map<String, PairedGain> gains, boolean kept) {}

  /**
   * Reads a trained combination.
   *
   * @param combined the combination's final validation balanced accuracy by seed
   * @param aloneById each fix's, by fix id
   */
  public static Reading read(
      String combinationId,
      Map<Integer, Double> combined,
      Map<String, Map<Integer, Double>> aloneById,
      Thresholds thresholds) {
    Map<String, PairedGain> gains = new LinkedHashMap<>();
    List<Boolean> beaten = new ArrayList<>();
    aloneById.forEach(
        (fixId, alone) -> {
          Optional<PairedGain> gain = PairedGain.of(combined, alone);
          gain.ifPresent(g -> gains.put(fixId, g));
          beaten.add(
              gain.map(g -> g.beats(thresholds.verdictMinDelta(), thresholds.verdictSpreadFactor()))
                  .orElse(false));
        });
    return new Reading(combinationId, gains, !beaten.isEmpty() && !beaten.contains(false));
  }
}
