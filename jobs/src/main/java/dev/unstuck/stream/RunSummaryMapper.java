package dev.unstuck.stream;

import dev.unstuck.avro.SummaryEpoch;
import dev.unstuck.avro.SummaryLayer;
import dev.unstuck.avro.SummaryStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LayerMetrics;
import dev.unstuck.diagnosis.NonFinite;
import dev.unstuck.diagnosis.TrainingStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * An epoch as the detectors read it ({@link EpochMetrics}) to and from its stored form in a {@link
 * dev.unstuck.avro.RunSummary}: field for field, so what is restored diagnoses exactly as what was
 * stored (a NaN stays NaN, bit for bit).
 */
final class RunSummaryMapper {
  private RunSummaryMapper() {}

  static SummaryEpoch toSummary(EpochMetrics m) {
    List<SummaryLayer> layers = new ArrayList<>(m.layers().size());
    for (LayerMetrics l : m.layers()) {
      layers.add(
          new SummaryLayer(
              l.index(),
              l.kind(),
              l.activation(),
              l.units(),
              l.gradientNorm(),
              l.meanAbsGradient(),
              l.updateRatio(),
              l.weightMean(),
              l.weightStd(),
              l.deadFraction(),
              l.saturatedFraction()));
    }
    NonFinite nf = m.nonFinite();
    return new SummaryEpoch(
        m.epoch(),
        SummaryStatus.valueOf(m.status().name()),
        m.numClasses(),
        m.trainLoss(),
        m.valLoss(),
        m.trainAccuracy(),
        m.trainBalancedAccuracy(),
        m.valAccuracy(),
        m.valBalancedAccuracy(),
        m.valPerClassRecall(),
        m.majorityClassRate(),
        layers,
        nf.loss(),
        nf.gradients(),
        nf.parameters(),
        nf.inputs(),
        m.maxAbsFeatureMean(),
        m.maxFeatureStd());
  }

  static EpochMetrics toMetrics(SummaryEpoch e) {
    List<LayerMetrics> layers = new ArrayList<>(e.getLayers().size());
    for (SummaryLayer l : e.getLayers()) {
      layers.add(
          new LayerMetrics(
              l.getIndex(),
              l.getKind(),
              l.getActivation(),
              l.getUnits(),
              l.getGradientNorm(),
              l.getMeanAbsGradient(),
              l.getUpdateRatio(),
              l.getWeightMean(),
              l.getWeightStd(),
              l.getDeadFraction(),
              l.getSaturatedFraction()));
    }
    return new EpochMetrics(
        e.getEpoch(),
        TrainingStatus.valueOf(e.getStatus().name()),
        e.getNumClasses(),
        e.getTrainLoss(),
        e.getValLoss(),
        e.getTrainAccuracy(),
        e.getTrainBalancedAccuracy(),
        e.getValAccuracy(),
        e.getValBalancedAccuracy(),
        e.getValPerClassRecall(),
        e.getMajorityClassRate(),
        layers,
        new NonFinite(
            e.getNonFiniteLoss(),
            e.getNonFiniteGradients(),
            e.getNonFiniteParameters(),
            e.getNonFiniteInputs()),
        e.getMaxAbsFeatureMean(),
        e.getMaxFeatureStd());
  }
}
