package dev.unstuck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioGradeTest {
  private static final Scenario DIVERGING = new Scenario("d", Path.of("d.yaml"), EnumSet.of(Symptom.DIVERGING),
      EnumSet.of(FixFamily.LEARNING_RATE, FixFamily.GRADIENT_CLIPPING), EnumSet.of(FixFamily.REGULARISATION));
  private static final Scenario HEALTHY = new Scenario("h", Path.of("h.yaml"), Set.of(), Set.of(),
      EnumSet.of(FixFamily.REGULARISATION));
  private static final Scenario SHUFFLED = new Scenario("s", Path.of("s.yaml"), EnumSet.of(Symptom.NOT_LEARNING),
      Set.of(), EnumSet.of(FixFamily.LEARNING_RATE));

  @Test
  void aFaultDiagnosedAndResolvedByAnExpectedFamilyPasses() {
    ScenarioGrade grade = ScenarioGrade.of(DIVERGING, new ProductOutcome(EnumSet.of(Symptom.DIVERGING,
        Symptom.OSCILLATING_LOSS), false, Map.of(Symptom.DIVERGING, EnumSet.of(FixFamily.GRADIENT_CLIPPING),
        Symptom.OSCILLATING_LOSS, EnumSet.of(FixFamily.REGULARISATION))));

    assertThat(grade.diagnosisCorrect()).isTrue();
    assertThat(grade.found()).containsExactly(FixFamily.GRADIENT_CLIPPING); // only rows for the expected fault
    assertThat(grade.pass()).isTrue();
  }

  @Test
  void aFamilyExpectedNotToResolveTheFaultFailsTheScenario() {
    ScenarioGrade grade = ScenarioGrade.of(DIVERGING, new ProductOutcome(EnumSet.of(Symptom.DIVERGING), false,
        Map.of(Symptom.DIVERGING, EnumSet.of(FixFamily.LEARNING_RATE, FixFamily.REGULARISATION))));

    assertThat(grade.resolvingFound()).isTrue();
    assertThat(grade.wrongResolution()).isTrue();
    assertThat(grade.pass()).isFalse();
  }

  @Test
  void aMissedFaultFailsEvenWhenSomethingResolvesAnotherSymptom() {
    ScenarioGrade grade = ScenarioGrade.of(DIVERGING, new ProductOutcome(EnumSet.of(Symptom.NOT_LEARNING), false,
        Map.of(Symptom.NOT_LEARNING, EnumSet.of(FixFamily.LEARNING_RATE))));

    assertThat(grade.diagnosisCorrect()).isFalse();
    assertThat(grade.resolvingFound()).isFalse();
    assertThat(grade.pass()).isFalse();
  }

  @Test
  void aHealthyControlPassesOnlyLearningWithNoSymptomAndNoResolution() {
    assertThat(ScenarioGrade.of(HEALTHY, new ProductOutcome(Set.of(), true, Map.of())).pass()).isTrue();

    ScenarioGrade symptom = ScenarioGrade.of(HEALTHY,
        new ProductOutcome(EnumSet.of(Symptom.OVERFITTING), true, Map.of()));
    assertThat(symptom.falseAlarm()).isTrue();
    assertThat(symptom.pass()).isFalse();

    ScenarioGrade notLearning = ScenarioGrade.of(HEALTHY, new ProductOutcome(Set.of(), false, Map.of()));
    assertThat(notLearning.diagnosed()).isEqualTo("NONE (not learning)");
    assertThat(notLearning.pass()).isFalse();
  }

  @Test
  void whenNothingMayResolveTheFaultAnyResolutionFails() {
    assertThat(ScenarioGrade.of(SHUFFLED, new ProductOutcome(EnumSet.of(Symptom.NOT_LEARNING), false, Map.of()))
        .pass()).isTrue();

    ScenarioGrade resolved = ScenarioGrade.of(SHUFFLED, new ProductOutcome(EnumSet.of(Symptom.NOT_LEARNING), false,
        Map.of(Symptom.NOT_LEARNING, EnumSet.of(FixFamily.CAPACITY))));
    assertThat(resolved.wrongResolution()).isTrue();
    assertThat(resolved.pass()).isFalse();
  }

  @Test
  void everyShippedScenarioHasASpecAndAReadableExpectation() {
    var all = Scenario.all(Scenario.FOLDER);

    assertThat(all).hasSizeGreaterThanOrEqualTo(15);
    assertThat(all.stream().filter(Scenario::healthy)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(Scenario.named(Scenario.FOLDER, "vanishing-sigmoid-digits").faults())
        .containsExactlyInAnyOrder(Symptom.VANISHING_GRADIENTS, Symptom.SATURATED_ACTIVATIONS);
  }
}
