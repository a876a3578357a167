package dev.unstuck.verdict;

import static dev.unstuck.diagnosis.Symptom.NOT_LEARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.FixFamily;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CombinationTest {
  private static final Thresholds T =
      Thresholds.DEFAULTS; // verdictMinDelta 0.02, verdictSpreadFactor 2

  private static Combination.Candidate candidate(
      String id, FixFamily family, double delta, boolean resolves) {
    Set<Symptom> after = resolves ? Set.of() : EnumSet.of(NOT_LEARNING);
    return new Combination.Candidate(
        id,
        family,
        new Judgement(
            2,
            10,
            EnumSet.of(NOT_LEARNING),
            after,
            Set.of(),
            resolves,
            0.1,
            0.1 + delta,
            delta,
            0.01,
            resolves,
            true,
            Optional.empty(),
            true));
  }

  @Test
  void theBestResolvingFixOfEachOfTheTwoBestFamilies() {
    List<String> chosen =
        Combination.fixesToCombine(
            List.of(
                candidate("lr-x0.1", FixFamily.LEARNING_RATE, 0.30, true),
                candidate("optimizer-adam", FixFamily.LEARNING_RATE, 0.50, true),
                candidate("batchnorm", FixFamily.NORMALISATION, 0.80, true),
                candidate("activation-relu", FixFamily.ACTIVATION, 0.40, true),
                candidate("l2-0.001", FixFamily.REGULARISATION, 0.90, false)));

    assertThat(chosen).containsExactly("batchnorm", "optimizer-adam");
  }

  @Test
  void nothingToCombineUnlessTwoFamiliesResolvedSomething() {
    assertThat(
            Combination.fixesToCombine(
                List.of(
                    candidate("lr-x0.1", FixFamily.LEARNING_RATE, 0.30, true),
                    candidate("optimizer-adam", FixFamily.LEARNING_RATE, 0.50, true),
                    candidate("l2-0.001", FixFamily.REGULARISATION, 0.90, false))))
        .isEmpty();
    assertThat(Combination.fixesToCombine(List.of())).isEmpty();
  }

  @Test
  void keptOnlyWhenItBeatsEachFixAloneByTheVerdictMargin() {
    Map<Integer, Double> combined = Map.of(1, 0.95, 2, 0.96);
    Map<String, Map<Integer, Double>> alone = new LinkedHashMap<>();
    alone.put("batchnorm", Map.of(1, 0.90, 2, 0.91)); // +0.05 both seeds
    alone.put("activation-relu", Map.of(1, 0.80, 2, 0.82)); // +0.15, +0.14

    Combination.Reading kept = Combination.read("batchnorm+activation-relu", combined, alone, T);

    assertThat(kept.kept()).isTrue();
    assertThat(kept.gains().get("batchnorm").delta()).isCloseTo(0.05, within(1e-12));
    assertThat(kept.gains().get("activation-relu").delta()).isCloseTo(0.145, within(1e-12));

    alone.put("batchnorm", Map.of(1, 0.94, 2, 0.95)); // +0.01: below verdictMinDelta
    assertThat(Combination.read("batchnorm+activation-relu", combined, alone, T).kept()).isFalse();
  }

  @Test
  void aFixWithNoComparableSeedIsNotBeaten() {
    Map<String, Map<Integer, Double>> alone = Map.of("batchnorm", Map.of(1, Double.NaN));

    Combination.Reading reading = Combination.read("x", Map.of(1, 0.9), alone, T);

    assertThat(reading.kept()).isFalse();
    assertThat(reading.gains()).isEmpty();
  }
}
