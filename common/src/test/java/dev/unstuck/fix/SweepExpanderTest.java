package dev.unstuck.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.Specs;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepExpanderTest {

  private static List<String> variantIds(SweepPlan plan) {
    return plan.variants().stream().map(Variant::id).toList();
  }

  private static List<String> runIds(SweepPlan plan) {
    return plan.runs().stream().map(PlannedRun::runId).toList();
  }

  @Test
  void theBaselineAndEachFixWithEverySeed() throws SpecException {
    SweepSpec spec = Specs.valid().parse(); // fixes learningRate x0.1, dropout 0.5; 2 seeds

    SweepPlan plan = SweepExpander.expand(spec);

    assertThat(plan.sweepId()).isEqualTo("tiny-sweep");
    assertThat(plan.seeds()).isEqualTo(2);
    assertThat(variantIds(plan)).containsExactly("baseline", "lr-x0.1", "dropout-0.5");
    assertThat(runIds(plan))
        .containsExactly(
            "tiny-sweep/baseline/seed-1", "tiny-sweep/baseline/seed-2",
            "tiny-sweep/lr-x0.1/seed-1", "tiny-sweep/lr-x0.1/seed-2",
            "tiny-sweep/dropout-0.5/seed-1", "tiny-sweep/dropout-0.5/seed-2");
  }

  @Test
  void theBaselineVariantIsTheSpecUnchanged() throws SpecException {
    SweepSpec spec = Specs.valid().parse();

    Variant baseline = SweepExpander.expand(spec).variants().get(0);

    assertThat(baseline.isBaseline()).isTrue();
    assertThat(baseline.family()).isEqualTo(FixFamily.BASELINE);
    assertThat(baseline.params()).isEmpty();
    assertThat(baseline.config()).isEqualTo(spec.baseline());
  }

  @Test
  void aFixVariantCarriesItsFixAndChangedConfig() throws SpecException {
    SweepSpec spec = Specs.valid().parse();

    Variant lr = SweepExpander.expand(spec).variants().get(1);

    assertThat(lr.isBaseline()).isFalse();
    assertThat(lr.family()).isEqualTo(FixFamily.LEARNING_RATE);
    assertThat(lr.params()).isEqualTo(Map.of("learningRate", "x0.1"));
    assertThat(lr.config().training().learningRate()).isEqualTo(0.1 * 0.1);
    assertThat(lr.config().model()).isEqualTo(spec.model());
  }

  @Test
  void runIdsAreStableAcrossExpansionsAndParses() throws SpecException {
    List<String> first = runIds(SweepExpander.expand(Specs.issueExample().parse()));
    List<String> second = runIds(SweepExpander.expand(Specs.issueExample().parse()));

    assertThat(second).isEqualTo(first);
    assertThat(first).contains("churn-baseline/lr-x0.1/seed-2").doesNotHaveDuplicates();
  }

  @Test
  void autoWithoutKnownSymptomsTriesEveryFamily() throws SpecException {
    SweepPlan plan = SweepExpander.expand(Specs.issueExample().parse());

    Set<FixFamily> families =
        plan.variants().stream()
            .filter(v -> !v.isBaseline())
            .map(Variant::family)
            .collect(Collectors.toSet());
    // every family of a single fix: not the baseline, nor a second round's combination, nor the
    // probe
    assertThat(families)
        .isEqualTo(
            EnumSet.complementOf(
                EnumSet.of(FixFamily.BASELINE, FixFamily.COMBINED, FixFamily.PROBE)));
    assertThat(plan.variants())
        .hasSize(18); // the sigmoid / normal-init baseline equals none of the 17 auto fixes
    assertThat(plan.runs()).hasSize(54);
  }

  @Test
  void autoDropsFixesEqualToTheBaseline() throws SpecException {
    // a relu net with xavier init: 'activation: relu' and 'init: xavier' would only repeat the
    // baseline
    SweepPlan plan = SweepExpander.expand(Specs.valid().autoFixes().parse());

    assertThat(variantIds(plan))
        .doesNotContain("activation-relu", "init-xavier")
        .contains("activation-leakyrelu", "init-he");
    assertThat(plan.variants()).hasSize(16);
    assertThat(plan.variants().stream().skip(1).map(Variant::config))
        .doesNotContain(plan.variants().get(0).config());
  }

  @Test
  void autoWithKnownSymptomsTriesTheirFixes() throws SpecException {
    SweepPlan plan =
        SweepExpander.expand(
            Specs.issueExample().parse(), Set.of(Symptom.CLASS_IMBALANCE_COLLAPSE));

    assertThat(variantIds(plan))
        .containsExactly(
            "baseline", "resample-oversample", "resample-undersample", "resample-classweights");
  }

  @Test
  void explicitFixesIgnoreKnownSymptoms() throws SpecException {
    SweepPlan plan =
        SweepExpander.expand(Specs.valid().parse(), Set.of(Symptom.CLASS_IMBALANCE_COLLAPSE));

    assertThat(variantIds(plan)).containsExactly("baseline", "lr-x0.1", "dropout-0.5");
  }

  @Test
  void aRepeatedFixRunsOnce() throws SpecException {
    SweepSpec parsed = Specs.valid().parse();
    Fix lr = FixCatalogue.fix("learningRate", "x0.1");
    SweepSpec spec =
        new SweepSpec(
            parsed.name(),
            parsed.data(),
            parsed.model(),
            parsed.training(),
            FixSelection.of(List.of(lr, lr, FixCatalogue.fix("learningRate", "X0.1"))));

    assertThat(variantIds(SweepExpander.expand(spec))).containsExactly("baseline", "lr-x0.1");
  }
}
