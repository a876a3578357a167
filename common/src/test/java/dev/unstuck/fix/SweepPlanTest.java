package dev.unstuck.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecException;
import dev.unstuck.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
  private static RunConfig baseline;

  @BeforeAll
  static void baseline() throws SpecException {
    baseline = Specs.valid().parse().baseline();
  }

  private static SweepPlan plan(int fixes, int seeds) {
    List<String> settings = List.of("x0.1", "x0.01", "x10", "x100");
    List<Variant> variants = new ArrayList<>(List.of(Variant.baseline(baseline)));
    for (int i = 0; i < fixes; i++) {
      variants.add(Variant.of(FixCatalogue.fix("learningRate", settings.get(i)), baseline));
    }
    return new SweepPlan("s", variants, seeds);
  }

  @Test
  void everyRunOfAPlanAndOfItsLaterRoundsCarriesItsExecution() {
    SweepPlan plan = plan(1, 2).inExecution("e-7");
    assertThat(plan.runs()).extracting(PlannedRun::executionId).containsOnly("e-7").hasSize(4);
    assertThat(plan.with(plan(2, 2).variants().subList(2, 3)).runs())
        .extracting(PlannedRun::executionId)
        .containsOnly("e-7")
        .hasSize(6);
    assertThat(plan.of(plan.variants().subList(1, 2)).executionId()).isEqualTo("e-7");
    assertThat(plan(1, 2).executionId()).as("not yet given one").isEmpty();
  }

  @Test
  void summaryOfTheIssueExample() throws SpecException {
    assertThat(SweepExpander.expand(Specs.issueExample().parse()).summary())
        .isEqualTo("churn-baseline: baseline + 17 fixes = 18 variants x 3 seeds = 54 runs");
  }

  @Test
  void summarySingulars() {
    assertThat(plan(1, 1).summary())
        .isEqualTo("s: baseline + 1 fix = 2 variants x 1 seed = 2 runs");
    assertThat(plan(0, 2).summary())
        .isEqualTo("s: baseline + 0 fixes = 1 variant x 2 seeds = 2 runs");
    assertThat(plan(0, 1).summary())
        .isEqualTo("s: baseline + 0 fixes = 1 variant x 1 seed = 1 run");
  }

  @Test
  void runsAreVariantBySeed() {
    assertThat(plan(2, 2).runs())
        .extracting(PlannedRun::runId)
        .containsExactly(
            "s/baseline/seed-1",
            "s/baseline/seed-2",
            "s/lr-x0.1/seed-1",
            "s/lr-x0.1/seed-2",
            "s/lr-x0.01/seed-1",
            "s/lr-x0.01/seed-2");
  }

  @Test
  void runIdFormat() {
    assertThat(PlannedRun.runId("churn-baseline", "lr-x0.1", 2))
        .isEqualTo("churn-baseline/lr-x0.1/seed-2");
  }
}
