package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LayerMetrics;
import dev.unstuck.diagnosis.NonFinite;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryMapperTest {

  private static EpochTelemetry.Builder required() {
    return EpochTelemetry.newBuilder()
        .setSweepId("s")
        .setRunId("s/baseline/seed-1")
        .setVariantId("baseline")
        .setFixFamily("BASELINE")
        .setSeed(1)
        .setEpoch(3)
        .setTotalEpochs(10)
        .setTimestampMs(1L)
        .setStatus(RunStatus.RUNNING);
  }

  @Test
  void unsetMetricsBecomeNaN() {
    EpochMetrics metrics = TelemetryMapper.toMetrics(required().build());

    assertThat(metrics.epoch()).isEqualTo(3);
    assertThat(metrics.status()).isEqualTo(TrainingStatus.RUNNING);
    assertThat(metrics.numClasses()).isZero();
    assertThat(
            List.of(
                metrics.trainLoss(),
                metrics.valLoss(),
                metrics.trainAccuracy(),
                metrics.trainBalancedAccuracy(),
                metrics.valAccuracy(),
                metrics.valBalancedAccuracy(),
                metrics.majorityClassRate(),
                metrics.maxAbsFeatureMean(),
                metrics.maxFeatureStd()))
        .allSatisfy(v -> assertThat(v).isNaN());
    assertThat(metrics.valPerClassRecall()).isEmpty();
    assertThat(metrics.layers()).isEmpty();
    assertThat(metrics.nonFinite()).isEqualTo(NonFinite.NONE);
  }

  @Test
  void unsetLayerStatisticsBecomeNaN() {
    LayerStats bare =
        LayerStats.newBuilder().setIndex(0).setKind("dense").setActivation("relu").build();

    LayerMetrics layer =
        TelemetryMapper.toMetrics(required().setLayers(List.of(bare)).build()).layers().get(0);

    assertThat(layer.index()).isZero();
    assertThat(layer.kind()).isEqualTo("dense");
    assertThat(layer.activation()).isEqualTo("relu");
    assertThat(
            List.of(
                layer.gradientNorm(),
                layer.meanAbsGradient(),
                layer.updateRatio(),
                layer.weightMean(),
                layer.weightStd(),
                layer.deadFraction(),
                layer.saturatedFraction()))
        .allSatisfy(v -> assertThat(v).isNaN());
  }

  @Test
  void aMissingNonFiniteRecordIsNone() {
    EpochTelemetry record = required().build();
    record.setNonFinite(null);

    assertThat(TelemetryMapper.toMetrics(record).nonFinite()).isEqualTo(NonFinite.NONE);
  }

  @Test
  void valuesAreMapped() {
    EpochMetrics metrics = TelemetryMapper.toMetrics(SingleObjectCodecTest.fullTelemetry());

    assertThat(metrics.status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(metrics.trainLoss()).isNaN();
    assertThat(metrics.valAccuracy()).isEqualTo(0.6);
    assertThat(metrics.valPerClassRecall()).containsExactly(1.0, 0.0);
    assertThat(metrics.majorityClassRate()).isEqualTo(0.8);
    assertThat(metrics.nonFinite()).isEqualTo(new NonFinite(1, 12, 34, 5));
    assertThat(metrics.layers().get(0).saturatedFraction()).isEqualTo(0.9);
    assertThat(metrics.layers().get(0).deadFraction()).isNaN();
    assertThat(metrics.maxFeatureStd()).isEqualTo(1000.0);
  }

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void everyStatusMaps(RunStatus status) {
    assertThat(TelemetryMapper.toMetrics(required().setStatus(status).build()).status().name())
        .isEqualTo(status.name());
  }

  static Stream<Arguments> curves() {
    return Stream.of(
        Arguments.of("healthy", Curves.healthy()),
        Arguments.of("nanDivergence", Curves.nanDivergence(4)),
        Arguments.of("vanishingGradients", Curves.vanishingGradients()),
        Arguments.of("classImbalanceCollapse", Curves.classImbalanceCollapse().classes(3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curves")
  void telemetryOfASyntheticRunMapsBackToIt(String name, Curves curve) {
    List<EpochMetrics> epochs = curve.build();

    List<EpochMetrics> mapped =
        Telemetry.run("s", "baseline", "BASELINE", 1).records(epochs).stream()
            .map(TelemetryMapper::toMetrics)
            .toList();

    assertThat(mapped).isEqualTo(epochs);
  }
}
