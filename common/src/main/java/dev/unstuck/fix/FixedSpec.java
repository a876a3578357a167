package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SweepSpec;
import java.util.List;

/**
 * The answer a user can apply: the sweep's spec with one fix made part of the baseline. It keeps
 * the data, and asks for {@code fixes: auto}, so running it checks the fixed model and, should a
 * symptom remain, tries what fits it.
 */
public final class FixedSpec {
  static final String SUFFIX = "-fixed";

  /** The longest sweep name a spec takes (SpecParser's limit). */
  private static final int MAX_NAME = 100;

  private FixedSpec() {}

  public static SweepSpec of(SweepSpec spec, Fix fix) {
    return of(spec, List.of(fix));
  }

  /** With fixes of different families applied one after the other (a kept combination). */
  public static SweepSpec of(SweepSpec spec, List<Fix> fixes) {
    RunConfig fixed = Variant.combined(fixes, spec.baseline()).config();
    return new SweepSpec(
        name(spec.name()),
        spec.data(),
        fixed.model(),
        fixed.training(),
        FixSelection.AUTO,
        spec.parallelism());
  }

  /** {@code <name>-fixed}, shortened to fit the name limit. */
  static String name(String name) {
    String base = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    return base.substring(0, Math.min(base.length(), MAX_NAME - SUFFIX.length())) + SUFFIX;
  }
}
