package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The baseline, one fix of it, fixes of different families combined, or a probe: what every seed of
 * it trains with.
 *
 * @param fixes the fixes applied to the baseline, in order: none for the baseline and the probes
 * @param family BASELINE, PROBE, COMBINED for several fixes, else the one fix's family
 */
public record Variant(String id, List<Fix> fixes, RunConfig config, FixFamily family) {

  public static final String BASELINE_ID = "baseline";

  /** The label-permutation probe's reference network on the real labels. */
  public static final String REFERENCE_ID = "reference";

  /**
   * A label-permutation probe's id is this prefix and the id of the variant it retrains on permuted
   * labels.
   */
  public static final String PERMUTED_LABELS_PREFIX = "permuted-labels-of-";

  /** Joins the ids of combined fixes: {@code batchnorm+activation-relu}. */
  public static final String COMBINED_SEPARATOR = "+";

  public Variant {
    fixes = List.copyOf(fixes);
  }

  public static Variant baseline(RunConfig config) {
    return new Variant(BASELINE_ID, List.of(), config, FixFamily.BASELINE);
  }

  public static Variant of(Fix fix, RunConfig baseline) {
    return new Variant(fix.id(), List.of(fix), fix.apply(baseline), fix.family());
  }

  /**
   * Fixes applied one after the other (a second round of {@code fixes: auto}); one fix is just that
   * fix.
   */
  public static Variant combined(List<Fix> fixes, RunConfig baseline) {
    if (fixes.size() == 1) {
      return of(fixes.get(0), baseline);
    }
    RunConfig config = baseline;
    for (Fix fix : fixes) {
      config = fix.apply(config);
    }
    String id = fixes.stream().map(Fix::id).collect(Collectors.joining(COMBINED_SEPARATOR));
    return new Variant(id, fixes, config, FixFamily.COMBINED);
  }

  /**
   * The label-permutation probe's reference network ({@code verdict.LabelPermutation#reference}).
   */
  public static Variant reference(RunConfig config) {
    return new Variant(REFERENCE_ID, List.of(), config, FixFamily.PROBE);
  }

  /**
   * Whether a variant id is one of the label-permutation probe's, which are diagnosed but get no
   * verdict.
   */
  public static boolean isProbeId(String variantId) {
    return REFERENCE_ID.equals(variantId) || probedBy(variantId).isPresent();
  }

  /**
   * {@code probed} as it is, trained on training labels in a seeded random order: what it learns
   * there is what any model learns from labels unrelated to the features (the label-permutation
   * probe).
   */
  public static Variant permutedLabels(Variant probed) {
    return new Variant(
        PERMUTED_LABELS_PREFIX + probed.id(), List.of(), probed.config(), FixFamily.PROBE);
  }

  /** The id of the variant a probe id retrains, or empty for an id that is not a probe's. */
  public static Optional<String> probedBy(String variantId) {
    return variantId != null && variantId.startsWith(PERMUTED_LABELS_PREFIX)
        ? Optional.of(variantId.substring(PERMUTED_LABELS_PREFIX.length()))
        : Optional.empty();
  }

  public boolean isBaseline() {
    return family == FixFamily.BASELINE;
  }

  public boolean isProbe() {
    return family == FixFamily.PROBE;
  }

  /** The fixes as the keys and settings a user writes, e.g. {learningRate=x0.1, batchNorm=true}. */
  public Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    fixes.forEach(fix -> params.putAll(fix.params()));
    return params;
  }
}
