package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;

/**
 * One kind of fix, named by its key in the spec's {@code fixes:} list (e.g. {@code learningRate}).
 * A setting is the text the user wrote for it (e.g. {@code x0.1}); the type checks it, names it and
 * applies it. To add a fix: implement this and list it in {@link FixCatalogue}.
 */
public interface FixType {

  /** The key under {@code fixes:} in a spec. */
  String key();

  FixFamily family();

  /** Why the setting is not valid for this fix (e.g. "1.5 not in [0, 1)"), or empty when it is. */
  Optional<String> problem(String setting);

  /** The readable part of a run id, e.g. {@code lr-x0.1}. Only called with valid settings. */
  String id(String setting);

  /** The baseline with this fix applied. Only called with valid settings. */
  RunConfig apply(RunConfig baseline, String setting);

  /**
   * Why this fix cannot be applied to this baseline (e.g. a dense-stack change on a model given as
   * a layer list), or empty when it can. Only called with valid settings.
   */
  default Optional<String> inapplicable(RunConfig baseline, String setting) {
    return Optional.empty();
  }

  /** Whether the setting is what the baseline already has, so the fix would try nothing new. */
  default boolean isBaselines(RunConfig baseline, String setting) {
    return apply(baseline, setting).equals(baseline);
  }
}
