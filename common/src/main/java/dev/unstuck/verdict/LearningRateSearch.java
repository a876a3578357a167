package dev.unstuck.verdict;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixCatalogue;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code fixes: auto}'s walk along the learning rate. The first round tries one decade each way;
 * when the better direction helped but resolved nothing, the optimum may lie further on (plain SGD
 * at 1e-5 needs a thousand times the step, not ten), so the next decade in that direction is tried,
 * one round at a time, while each step still gains on the last. The walk stops at the first step
 * that resolves a baseline symptom, at a step that does no better than a smaller one, or at {@link
 * #FURTHEST} decades from the baseline.
 */
public final class LearningRateSearch {
  /** Multipliers beyond 10^4 either way leave any sensible learning rate behind. */
  static final double FURTHEST = 1e4;

  private static final String KEY = "learningRate";

  private LearningRateSearch() {}

  /** A tried fix and its verdict against the baseline. */
  public record Tried(Fix fix, Judgement judgement) {}

  /**
   * The next learning-rate multiplier to try after {@code tried}, or empty when the walk is over.
   */
  public static Optional<Fix> nextStep(List<Tried> tried) {
    List<Tried> steps =
        tried.stream()
            .filter(t -> t.fix().type().key().equals(KEY) && t.fix().multiplier().isPresent())
            .filter(t -> t.judgement().complete())
            .toList();
    boolean resolved =
        steps.stream()
            .anyMatch(
                t -> t.judgement().baselineSymptoms().stream().anyMatch(t.judgement()::resolves));
    if (steps.isEmpty() || resolved) {
      return Optional.empty();
    }
    Tried best =
        steps.stream().max(Comparator.comparingDouble(t -> t.judgement().delta())).orElseThrow();
    if (best.judgement().delta() <= 0) {
      return Optional
          .empty(); // neither direction helped: the learning rate is not what holds it back
    }
    double factor = best.fix().multiplier().orElseThrow();
    boolean up = factor > 1;
    boolean furtherTried =
        steps.stream()
            .map(t -> t.fix().multiplier().orElseThrow())
            .anyMatch(other -> up ? other > factor : other < factor);
    if (furtherTried) {
      return Optional.empty(); // a larger step did worse: the best lies behind us, not further on
    }
    BigDecimal next =
        up
            ? BigDecimal.valueOf(factor).multiply(BigDecimal.TEN)
            : BigDecimal.valueOf(factor).divide(BigDecimal.TEN);
    double nextFactor = next.doubleValue();
    if (nextFactor > FURTHEST || nextFactor < 1 / FURTHEST) {
      return Optional.empty();
    }
    return Optional.of(FixCatalogue.fix(KEY, "x" + next.stripTrailingZeros().toPlainString()));
  }
}
