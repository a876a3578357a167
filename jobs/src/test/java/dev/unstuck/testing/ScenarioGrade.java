package dev.unstuck.testing;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a product outcome compares with a scenario's expectation. Diagnosis: a fault scenario's
 * baseline shows one of its expected symptoms; a healthy control's baseline is LEARNING with no
 * symptom. Resolution: a family the expectation names as resolving resolves one of those symptoms
 * (when it names none, nothing may); and no listed fix of a family it names as not resolving does.
 * A false alarm: a healthy control with a symptom or with a fix that "resolves".
 *
 * @param found the families the product reports as resolving the expected symptoms
 */
public record ScenarioGrade(
    Scenario scenario,
    ProductOutcome outcome,
    boolean diagnosisCorrect,
    Set<FixFamily> found,
    boolean resolvingFound,
    boolean wrongResolution,
    boolean falseAlarm) {

  public static ScenarioGrade of(Scenario scenario, ProductOutcome outcome) {
    Set<Symptom> symptoms = outcome.baselineSymptoms();
    if (scenario.healthy()) {
      boolean clean = symptoms.isEmpty() && outcome.baselineLearning();
      Set<FixFamily> found = outcome.resolving(EnumSet.allOf(Symptom.class));
      boolean alarm = !clean || outcome.resolvesAnything();
      return new ScenarioGrade(
          scenario, outcome, clean, found, found.isEmpty(), !found.isEmpty(), alarm);
    }
    boolean diagnosed = !Collections.disjoint(symptoms, scenario.faults());
    Set<FixFamily> found = outcome.resolving(scenario.faults());
    boolean resolving =
        scenario.resolvedBy().isEmpty()
            ? found.isEmpty()
            : !Collections.disjoint(found, scenario.resolvedBy());
    // the reference refuted the listed fixes of the notResolvedBy families, no other: in auto mode
    // a fix of such a
    // family that the reference never trained (lr x0.01 against overfitting, where lr x10 was
    // refuted) is not graded
    boolean wrong =
        scenario.resolvedBy().isEmpty()
            ? !found.isEmpty()
            : outcome.resolversOf(scenario.faults()).stream()
                .anyMatch(r -> scenario.refutedFixes().contains(r.variantId()));
    return new ScenarioGrade(scenario, outcome, diagnosed, found, resolving, wrong, false);
  }

  public boolean pass() {
    return diagnosisCorrect && resolvingFound && !wrongResolution && !falseAlarm;
  }

  /** What the product diagnosed: its symptoms, or NONE with the learning state. */
  public String diagnosed() {
    if (outcome.baselineSymptoms().isEmpty()) {
      return outcome.baselineLearning() ? "NONE (learning)" : "NONE (not learning)";
    }
    return String.join(",", outcome.baselineSymptoms().stream().map(Enum::name).toList());
  }
}
