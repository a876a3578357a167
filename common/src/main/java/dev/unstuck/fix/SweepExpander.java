package dev.unstuck.fix;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a spec into the runs to train: the baseline plus each fix, each with every seed. */
public final class SweepExpander {
  private SweepExpander() {}

  /**
   * @param knownSymptoms the baseline's symptoms, if already known, for {@code fixes: auto}; empty
   *     means unknown and tries every family
   */
  public static SweepPlan expand(SweepSpec spec, Set<Symptom> knownSymptoms) {
    RunConfig baseline = spec.baseline();
    List<Fix> fixes =
        spec.fixes().auto()
            ? AutoFixes.forSymptoms(knownSymptoms, baseline)
            : spec.fixes().explicit();
    List<Variant> variants = new ArrayList<>();
    variants.add(Variant.baseline(baseline));
    Set<String> ids = new LinkedHashSet<>();
    for (Fix fix : fixes) {
      Variant variant = Variant.of(fix, baseline);
      // An auto fix that equals the baseline (activation relu on a relu net) would only repeat the
      // baseline.
      if (!variant.config().equals(baseline) && ids.add(variant.id())) {
        variants.add(variant);
      }
    }
    return new SweepPlan(spec.name(), variants, spec.training().seeds());
  }

  public static SweepPlan expand(SweepSpec spec) {
    return expand(spec, Set.of());
  }
}
