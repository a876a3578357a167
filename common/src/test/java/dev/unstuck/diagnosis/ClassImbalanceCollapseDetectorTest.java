package dev.unstuck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.testing.Curves;
import org.junit.jupiter.api.Test;

class ClassImbalanceCollapseDetectorTest extends DetectorTestBase {
  ClassImbalanceCollapseDetectorTest() {
    super(new ClassImbalanceCollapseDetector(), Symptom.CLASS_IMBALANCE_COLLAPSE);
  }

  @Test
  void predictingOnlyTheMajorityClassIsCollapse() {
    Evidence evidence = detected(Curves.classImbalanceCollapse());

    assertThat(evidence.metric()).isEqualTo("valPerClassRecall");
    assertThat(evidence.fromEpoch()).isEqualTo(10);
    assertThat(evidence.toEpoch()).isEqualTo(10);
    assertThat(evidence.value()).isEqualTo(0.0);
    assertThat(evidence.threshold()).isEqualTo(0.05);
    assertThat(evidence.explanation()).contains("accuracy 0.9000 equals the majority rate 0.9000");
  }

  @Test
  void balancedDataCannotCollapse() {
    // a constant predictor on 50/50 data is NOT_LEARNING, not an imbalance problem
    assertThat(fires(Curves.flatAtChance())).isFalse();
  }

  @Test
  void imbalanceBoundaryIsInclusive() {
    // 2 classes: imbalanced from 1.5 x 1/2 = 0.75
    assertThat(fires(Curves.flatAtChance().majorityRate(0.74))).isFalse();
    assertThat(fires(Curves.flatAtChance().majorityRate(0.75))).isTrue();
  }

  @Test
  void minorityRecallBoundaryIsInclusive() {
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valPerClassRecall(0.99, 0.05))))
        .isTrue();
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valPerClassRecall(0.99, 0.06))))
        .isFalse();
  }

  @Test
  void aClassAbsentFromValidationHidesNoCollapsedMinority() {
    // three classes, the second with no validation rows (recall NaN): the third one's recall 0.0
    // still counts
    assertThat(
            fires(
                Curves.classImbalanceCollapse()
                    .classes(3)
                    .last(e -> e.valPerClassRecall(0.99, Double.NaN, 0.0))))
        .isTrue();
    assertThat(
            fires(
                Curves.classImbalanceCollapse()
                    .classes(3)
                    .last(e -> e.valPerClassRecall(0.99, Double.NaN, 0.5))))
        .isFalse();
  }

  @Test
  void accuracyMustBeAtTheMajorityRate() {
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valAccuracy(0.915)))).isTrue();
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valAccuracy(0.925)))).isFalse();
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valAccuracy(0.875)))).isFalse();
  }

  @Test
  void threeClassesWithOneNeverRecalled() {
    Curves curve =
        Curves.classImbalanceCollapse()
            .classes(3)
            .majorityRate(0.8)
            .last(e -> e.valAccuracy(0.8).valPerClassRecall(0.2, 1.0, 0.0));

    Evidence evidence = evidence(curve);

    assertThat(evidence.value()).isEqualTo(0.0);
  }

  @Test
  void withoutPerClassRecallThereIsNoVerdict() {
    assertThat(fires(Curves.classImbalanceCollapse().last(e -> e.valPerClassRecall(1.0))))
        .isFalse();
  }
}
