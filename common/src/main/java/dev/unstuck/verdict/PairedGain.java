package dev.unstuck.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much one variant beats another, seed by seed: the paired differences of their final
 * validation balanced accuracy over the seeds both have a finite value for. The comparisons outside
 * {@link FixJudge} (the label-permutation probe, combined fixes) read it with the same rule the fix
 * verdicts use: the mean gain must reach a margin and {@code spreadFactor} standard errors of the
 * differences.
 *
 * @param seeds seeds compared
 * @param metric mean of the first variant's values over those seeds
 * @param otherMetric same for the second
 * @param delta mean of the differences
 * @param spread their sample standard deviation (0 with one seed)
 */
public record PairedGain(
    int seeds, double metric, double otherMetric, double delta, double spread) {

  /**
   * {@code bySeed} minus {@code otherBySeed}; empty when no seed has a finite value on both sides.
   */
  public static Optional<PairedGain> of(
      Map<Integer, Double> bySeed, Map<Integer, Double> otherBySeed) {
    List<Double> values = new ArrayList<>();
    List<Double> others = new ArrayList<>();
    List<Double> deltas = new ArrayList<>();
    bySeed.forEach(
        (seed, value) -> {
          Double other = otherBySeed.get(seed);
          if (value != null && other != null && Double.isFinite(value) && Double.isFinite(other)) {
            values.add(value);
            others.add(other);
            deltas.add(value - other);
          }
        });
    if (deltas.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PairedGain(
            deltas.size(),
            FixJudge.mean(values),
            FixJudge.mean(others),
            FixJudge.mean(deltas),
            FixJudge.sampleStd(deltas)));
  }

  /**
   * The gain reaches {@code margin} and {@code spreadFactor} standard errors of the differences.
   */
  public boolean beats(double margin, double spreadFactor) {
    return delta >= Math.max(margin, spreadFactor * spread / Math.sqrt(seeds));
  }
}
