package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.NonFiniteCounts;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LayerMetrics;
import dev.unstuck.diagnosis.NonFinite;
import dev.unstuck.diagnosis.TrainingStatus;

/** The detectors' view of a telemetry record: missing metrics become NaN. */
public final class TelemetryMapper {
  private TelemetryMapper() {}

  public static EpochMetrics toMetrics(EpochTelemetry t) {
    NonFiniteCounts nf = t.getNonFinite();
    return new EpochMetrics(
        t.getEpoch(),
        TrainingStatus.valueOf(t.getStatus().name()),
        t.getNumClasses(),
        orNaN(t.getTrainLoss()),
        orNaN(t.getValLoss()),
        orNaN(t.getTrainAccuracy()),
        orNaN(t.getTrainBalancedAccuracy()),
        orNaN(t.getValAccuracy()),
        orNaN(t.getValBalancedAccuracy()),
        t.getValPerClassRecall(),
        orNaN(t.getMajorityClassRate()),
        t.getLayers().stream().map(TelemetryMapper::toLayer).toList(),
        nf == null
            ? NonFinite.NONE
            : new NonFinite(nf.getLoss(), nf.getGradients(), nf.getParameters(), nf.getInputs()),
        orNaN(t.getMaxAbsFeatureMean()),
        orNaN(t.getMaxFeatureStd()));
  }

  static LayerMetrics toLayer(LayerStats s) {
    return new LayerMetrics(
        s.getIndex(),
        s.getKind(),
        s.getActivation(),
        s.getUnits(),
        orNaN(s.getGradientNorm()),
        orNaN(s.getMeanAbsGradient()),
        orNaN(s.getUpdateRatio()),
        orNaN(s.getWeightMean()),
        orNaN(s.getWeightStd()),
        orNaN(s.getDeadFraction()),
        orNaN(s.getSaturatedFraction()));
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
