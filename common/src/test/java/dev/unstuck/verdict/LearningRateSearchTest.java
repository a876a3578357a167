package dev.unstuck.verdict;

import static dev.unstuck.diagnosis.Symptom.NOT_LEARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixCatalogue;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LearningRateSearchTest {

  /**
   * A complete verdict on a NOT_LEARNING baseline at 0.5: resolved, or still not learning with this
   * delta.
   */
  private static LearningRateSearch.Tried tried(
      String key, String setting, double delta, boolean resolves) {
    Set<Symptom> after = resolves ? Set.of() : EnumSet.of(NOT_LEARNING);
    Judgement judgement =
        new Judgement(
            2,
            10,
            EnumSet.of(NOT_LEARNING),
            after,
            Set.of(),
            resolves,
            0.5,
            0.5 + delta,
            delta,
            0.01,
            resolves,
            true,
            Optional.empty(),
            true);
    return new LearningRateSearch.Tried(FixCatalogue.fix(key, setting), judgement);
  }

  private static LearningRateSearch.Tried lr(String setting, double delta) {
    return tried("learningRate", setting, delta, false);
  }

  private static Optional<String> next(LearningRateSearch.Tried... tried) {
    return LearningRateSearch.nextStep(List.of(tried)).map(Fix::toString);
  }

  @Test
  void aDecadeThatHelpsWithoutResolvingIsFollowedByTheNext() {
    assertThat(next(lr("x10", 0.04), lr("x0.1", -0.005))).contains("learningRate: x100");
    assertThat(next(lr("x10", 0.04), lr("x0.1", -0.005), lr("x100", 0.20)))
        .contains("learningRate: x1000");
  }

  @Test
  void theWalkGoesDownAsWellAsUp() {
    assertThat(next(lr("x0.1", 0.10), lr("x0.01", 0.20), lr("x10", -0.3)))
        .contains("learningRate: x0.001");
  }

  @Test
  void theWalkStopsWhenAStepResolves() {
    assertThat(next(lr("x10", 0.04), tried("learningRate", "x100", 0.4, true))).isEmpty();
  }

  @Test
  void theWalkStopsWhenAFurtherStepDidWorse() {
    assertThat(next(lr("x10", 0.04), lr("x100", 0.01))).isEmpty();
  }

  @Test
  void noWalkWhenNeitherDirectionHelped() {
    assertThat(next(lr("x10", 0.0), lr("x0.1", -0.1))).isEmpty();
  }

  @Test
  void theWalkEndsFourDecadesFromTheBaseline() {
    assertThat(next(lr("x1000", 0.2))).contains("learningRate: x10000");
    assertThat(next(lr("x10000", 0.3))).isEmpty();
  }

  @Test
  void onlyRelativeLearningRateStepsAreWalked() {
    assertThat(
            next(
                tried("optimizer", "adam", 0.3, false),
                tried("learningRate", "0.1", 0.2, false),
                tried("batchSize", "x2", 0.1, false)))
        .isEmpty();
  }

  @Test
  void anUnfinishedVerdictIsNoEvidence() {
    Judgement running =
        new Judgement(
            2,
            3,
            EnumSet.of(NOT_LEARNING),
            EnumSet.of(NOT_LEARNING),
            Set.of(),
            false,
            0.5,
            0.6,
            0.1,
            0.01,
            false,
            true,
            Optional.empty(),
            false);
    assertThat(
            LearningRateSearch.nextStep(
                List.of(
                    new LearningRateSearch.Tried(
                        FixCatalogue.fix("learningRate", "x10"), running))))
        .isEmpty();
  }
}
