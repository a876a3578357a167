package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline, one fix of it, or a probe: what every seed of it trains with.
 *
 * @param family BASELINE for the baseline, PROBE for a label-permutation probe, else the fix's family
 */
public record Variant(String id, Optional<Fix> fix, RunConfig config, FixFamily family) {

  public static final String BASELINE_ID = "baseline";
  /** The label-permutation probe's reference network on the real labels. */
  public static final String REFERENCE_ID = "reference";
  /** A label-permutation probe's id is this prefix and the id of the variant it retrains on permuted labels. */
  public static final String PERMUTED_LABELS_PREFIX = "permuted-labels-of-";

  /** The baseline (no fix) or a fix, its family read off the fix. */
  public Variant(String id, Optional<Fix> fix, RunConfig config) {
    this(id, fix, config, fix.map(Fix::family).orElse(FixFamily.BASELINE));
  }

  public static Variant baseline(RunConfig config) {
    return new Variant(BASELINE_ID, Optional.empty(), config);
  }

  public static Variant of(Fix fix, RunConfig baseline) {
    return new Variant(fix.id(), Optional.of(fix), fix.apply(baseline));
  }

  /** The label-permutation probe's reference network ({@code verdict.LabelPermutation#reference}). */
  public static Variant reference(RunConfig config) {
    return new Variant(REFERENCE_ID, Optional.empty(), config, FixFamily.PROBE);
  }

  /** Whether a variant id is one of the label-permutation probe's, which are diagnosed but get no verdict. */
  public static boolean isProbeId(String variantId) {
    return REFERENCE_ID.equals(variantId) || probedBy(variantId).isPresent();
  }

  /**
   * {@code probed} as it is, trained on training labels in a seeded random order: what it learns there is what any
   * model learns from labels unrelated to the features (the label-permutation probe).
   */
  public static Variant permutedLabels(Variant probed) {
    return new Variant(PERMUTED_LABELS_PREFIX + probed.id(), Optional.empty(), probed.config(), FixFamily.PROBE);
  }

  /** The id of the variant a probe id retrains, or empty for an id that is not a probe's. */
  public static Optional<String> probedBy(String variantId) {
    return variantId != null && variantId.startsWith(PERMUTED_LABELS_PREFIX)
        ? Optional.of(variantId.substring(PERMUTED_LABELS_PREFIX.length())) : Optional.empty();
  }

  public boolean isBaseline() {
    return family == FixFamily.BASELINE;
  }

  public boolean isProbe() {
    return family == FixFamily.PROBE;
  }

  public Map<String, String> params() {
    return fix.map(Fix::params).orElse(Map.of());
  }
}
