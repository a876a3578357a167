package dev.unstuck.testing;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What Unstuck answered for a sweep, reduced to what a scenario's expectation speaks of.
 *
 * @param baselineSymptoms the baseline's symptoms by the product's seed-majority rule
 * @param baselineLearning the baseline was LEARNING in at least half of its seeds
 * @param resolvers per baseline symptom, the fixes with a row saying they resolve it
 */
public record ProductOutcome(
    Set<Symptom> baselineSymptoms,
    boolean baselineLearning,
    Map<Symptom, Set<Resolver>> resolvers) {

  /** A fix variant said to resolve a symptom. */
  public record Resolver(String variantId, FixFamily family) {}

  /** Every fix that resolves any of {@code symptoms}. */
  public Set<Resolver> resolversOf(Set<Symptom> symptoms) {
    Set<Resolver> found = new LinkedHashSet<>();
    resolvers.forEach(
        (symptom, resolving) -> {
          if (symptoms.contains(symptom)) {
            found.addAll(resolving);
          }
        });
    return found;
  }

  /** Every family that resolves any of {@code symptoms}. */
  public Set<FixFamily> resolving(Set<Symptom> symptoms) {
    Set<FixFamily> families = EnumSet.noneOf(FixFamily.class);
    resolversOf(symptoms).forEach(r -> families.add(r.family()));
    return families;
  }

  public boolean resolvesAnything() {
    return resolvers.values().stream().anyMatch(f -> !f.isEmpty());
  }
}
