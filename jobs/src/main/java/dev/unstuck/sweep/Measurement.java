package dev.unstuck.sweep;

import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.NonFiniteCounts;
import java.util.List;

/**
 * What the driver measured of the averaged network after an epoch. Metrics are null where they
 * cannot be measured (a network with NaN weights has no meaningful accuracy).
 */
public record Measurement(
    Double trainLoss,
    Double valLoss,
    Double trainAccuracy,
    Double trainBalancedAccuracy,
    Double valAccuracy,
    Double valBalancedAccuracy,
    Double valMacroF1,
    List<Double> valPerClassRecall,
    List<LayerStats> layers,
    NonFiniteCounts nonFinite) {

  /** The network blew up: NaN/Inf loss or weights. */
  public boolean diverged() {
    return nonFinite.getLoss() > 0 || nonFinite.getParameters() > 0;
  }
}
