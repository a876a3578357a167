package dev.unstuck.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecException;
import dev.unstuck.testing.Specs;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AutoFixesTest {

  private static List<String> ids(List<Fix> fixes) {
    return fixes.stream().map(Fix::id).toList();
  }

  @Test
  void classImbalanceCollapseIsAResamplingProblem() {
    List<Fix> fixes = AutoFixes.forSymptoms(Set.of(Symptom.CLASS_IMBALANCE_COLLAPSE));

    assertThat(ids(fixes))
        .containsExactly("resample-oversample", "resample-undersample", "resample-classweights");
    assertThat(fixes).extracting(Fix::family).containsOnly(FixFamily.RESAMPLING);
  }

  @Test
  void divergingTriesSmallerStepsClippingAndNormalisation() {
    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.DIVERGING))))
        .containsExactly("lr-x0.1", "lr-x0.01", "clip-norm-1.0", "normalize-standard");
  }

  @Test
  void overfittingTriesRegularisation() {
    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.OVERFITTING))))
        .containsExactly("l2-1e-3", "dropout-0.5", "early-stop-3", "hidden-x0.5", "noise-0.1");
  }

  @Test
  void vanishingGradientsTryActivationInitBatchNormAndAdam() {
    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.VANISHING_GRADIENTS))))
        .containsExactly("activation-relu", "init-xavier", "batchnorm", "optimizer-adam");
  }

  @Test
  void severalSymptomsShareFixesWithoutRepeats() {
    List<Fix> fixes =
        AutoFixes.forSymptoms(List.of(Symptom.EXPLODING_GRADIENTS, Symptom.DIVERGING));

    assertThat(ids(fixes))
        .containsExactly("lr-x0.1", "lr-x0.01", "clip-norm-1.0", "normalize-standard", "batchnorm");
    assertThat(fixes)
        .isEqualTo(AutoFixes.forSymptoms(List.of(Symptom.DIVERGING, Symptom.EXPLODING_GRADIENTS)));
  }

  @Test
  void anOverRegularisedBaselineGetsAHundredthOfItsOwnPenalty() throws SpecException {
    RunConfig plain = Specs.issueExample().parse().baseline();
    RunConfig penalised = plain.withModel(plain.model().withL2(1.0));

    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.UNDERFITTING), penalised)))
        .contains("l2-x0.01");
    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.NOT_LEARNING), penalised)))
        .contains("l2-x0.01");
    assertThat(ids(AutoFixes.forSymptoms(Set.of(Symptom.UNDERFITTING), plain)))
        .doesNotContain("l2-x0.01");
  }

  @ParameterizedTest
  @EnumSource(Symptom.class)
  void everySymptomHasFixes(Symptom symptom) {
    assertThat(AutoFixes.forSymptoms(Set.of(symptom))).isNotEmpty();
  }

  @Test
  void withNothingKnownEveryFamilyIsTried() {
    List<Fix> fixes = AutoFixes.forSymptoms(Set.of());

    assertThat(fixes.stream().map(Fix::family).collect(Collectors.toSet()))
        .isEqualTo(
            EnumSet.complementOf(
                EnumSet.of(FixFamily.BASELINE, FixFamily.COMBINED, FixFamily.PROBE)));
    assertThat(ids(fixes)).doesNotHaveDuplicates().hasSize(17);
  }
}
