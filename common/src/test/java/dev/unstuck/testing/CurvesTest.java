package dev.unstuck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.TrainingStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture itself: what the defaults are and that overrides land where they say. */
class CurvesTest {

  @Test
  void healthyDefaults() {
    List<EpochMetrics> run = Curves.healthy().build();

    assertThat(run).hasSize(Curves.DEFAULT_EPOCHS);
    assertThat(run).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(run.get(0).valBalancedAccuracy()).isEqualTo(0.5);
    assertThat(run.get(0).trainLoss()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(run.get(9).valBalancedAccuracy()).isCloseTo(Curves.DEFAULT_TOP, within(1e-12));
    assertThat(run.get(9).trainLoss()).isCloseTo(Curves.FINAL_LOSS, within(1e-12));
    assertThat(run.get(9).majorityClassRate()).isEqualTo(0.5);
    assertThat(run.get(9).valPerClassRecall()).hasSize(2);
    assertThat(run.get(9).layers())
        .extracting(l -> l.activation())
        .containsExactly("relu", "relu", "softmax");
    assertThat(run)
        .extracting(EpochMetrics::status)
        .containsOnly(TrainingStatus.RUNNING, TrainingStatus.FINISHED);
    assertThat(run.get(9).status()).isEqualTo(TrainingStatus.FINISHED);
  }

  @Test
  void healthyIsMonotone() {
    List<EpochMetrics> run = Curves.healthy().build();
    for (int i = 1; i < run.size(); i++) {
      assertThat(run.get(i).valBalancedAccuracy())
          .isGreaterThan(run.get(i - 1).valBalancedAccuracy());
      assertThat(run.get(i).trainLoss()).isLessThan(run.get(i - 1).trainLoss());
    }
  }

  @Test
  void reachingSetsTheFinalValueExactly() {
    assertThat(Curves.healthy().reaching(0.85).lastEpoch().valBalancedAccuracy())
        .isCloseTo(0.85, within(1e-12));
    assertThat(Curves.healthy().epochs(20).reaching(0.7).build()).hasSize(20);
  }

  @Test
  void stopAfterAndRunning() {
    List<EpochMetrics> run = Curves.healthy().stopAfter(4).running().build();

    assertThat(run).hasSize(4);
    assertThat(run).extracting(EpochMetrics::status).containsOnly(TrainingStatus.RUNNING);
    // the shape is the 10-epoch one, cut
    assertThat(run.get(3).valBalancedAccuracy())
        .isEqualTo(Curves.healthy().build().get(3).valBalancedAccuracy());
  }

  @Test
  void overridesApplyToTheirEpochsOnly() {
    List<EpochMetrics> run =
        Curves.healthy()
            .at(3, e -> e.valLoss(9))
            .from(8, e -> e.maxFeatureStd(50))
            .until(2, e -> e.trainAccuracy(0.1))
            .last(e -> e.layer(0, l -> l.deadFraction(0.99)))
            .build();

    assertThat(run).extracting(EpochMetrics::valLoss).filteredOn(v -> v == 9).hasSize(1);
    assertThat(run.get(2).valLoss()).isEqualTo(9);
    assertThat(run)
        .extracting(EpochMetrics::maxFeatureStd)
        .containsExactly(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 50.0, 50.0, 50.0);
    assertThat(run.get(1).trainAccuracy()).isEqualTo(0.1);
    assertThat(run.get(2).trainAccuracy()).isNotEqualTo(0.1);
    assertThat(run.get(9).layers().get(0).deadFraction()).isEqualTo(0.99);
    assertThat(run.get(8).layers().get(0).deadFraction()).isEqualTo(0.05);
  }

  @Test
  void laterChangesWin() {
    EpochMetrics last =
        Curves.healthy().last(e -> e.valLoss(1)).last(e -> e.valLoss(2)).lastEpoch();

    assertThat(last.valLoss()).isEqualTo(2);
  }

  @Test
  void nanDivergenceStopsAtItsEpoch() {
    List<EpochMetrics> run = Curves.nanDivergence(3).build();

    assertThat(run).hasSize(3);
    assertThat(run.get(2).status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(run.get(2).trainLoss()).isNaN();
    assertThat(run.get(1).trainLoss()).isFinite();
  }

  @Test
  void flatAtChanceOnImbalancedDataPredictsTheMajority() {
    EpochMetrics last = Curves.classImbalanceCollapse().lastEpoch();

    assertThat(last.valAccuracy()).isEqualTo(0.9);
    assertThat(last.valBalancedAccuracy()).isEqualTo(0.5);
    assertThat(last.valPerClassRecall()).containsExactly(1.0, 0.0);
  }

  @Test
  void layerShapeFollowsHiddenAndClasses() {
    EpochMetrics last = Curves.healthy().hidden(8, 4, 2).classes(5).activation("tanh").lastEpoch();

    assertThat(last.layers()).extracting(l -> l.units()).containsExactly(8, 4, 2, 5);
    assertThat(last.layers().get(0).saturatedFraction()).isEqualTo(0.05);
    assertThat(last.layers().get(0).deadFraction()).isNaN();
    assertThat(last.chance()).isEqualTo(0.2);
  }
}
