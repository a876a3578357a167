package dev.unstuck.testing;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What Unstuck answered for a sweep, reduced to what a scenario's expectation speaks of.
 *
 * @param baselineSymptoms the baseline's symptoms by the product's seed-majority rule
 * @param baselineLearning the baseline was LEARNING in at least half of its seeds
 * @param resolvingFamilies per baseline symptom, the fix families with a row saying they resolve it
 */
public record ProductOutcome(Set<Symptom> baselineSymptoms, boolean baselineLearning,
    Map<Symptom, Set<FixFamily>> resolvingFamilies) {

  /** Every family that resolves any of {@code symptoms}. */
  public Set<FixFamily> resolving(Set<Symptom> symptoms) {
    Set<FixFamily> families = EnumSet.noneOf(FixFamily.class);
    resolvingFamilies.forEach((symptom, resolving) -> {
      if (symptoms.contains(symptom)) {
        families.addAll(resolving);
      }
    });
    return families;
  }

  public boolean resolvesAnything() {
    return resolvingFamilies.values().stream().anyMatch(f -> !f.isEmpty());
  }
}
