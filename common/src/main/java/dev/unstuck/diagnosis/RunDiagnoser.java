package dev.unstuck.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs every detector over a run's epochs and decides whether it is learning. */
public final class RunDiagnoser {
  private static final List<Detector> DETECTORS =
      List.of(
          new DivergingDetector(),
          new ExplodingGradientsDetector(),
          new VanishingGradientsDetector(),
          new DeadUnitsDetector(),
          new SaturatedActivationsDetector(),
          new OscillatingAccuracyDetector(),
          new SlowConvergenceDetector(),
          new NotLearningDetector(),
          new ClassImbalanceCollapseDetector(),
          new OverfittingDetector(),
          new UnderfittingDetector(),
          new DataPipelineErrorDetector());

  private final Thresholds thresholds;

  public RunDiagnoser(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  public static List<Detector> detectors() {
    return DETECTORS;
  }

  /** The diagnosis after the last of {@code epochs} (oldest first, non-empty). */
  public Diagnosis diagnose(List<EpochMetrics> epochs) {
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("a diagnosis needs at least one epoch");
    }
    EpochMetrics last = Series.last(epochs);
    if (last.status() == TrainingStatus.FAILED) {
      // Training threw: what the epochs measured was cut short by the crash, and a crash inside an
      // epoch leaves
      // NaN metrics that would read as a divergence. A failure is named as such and is never a
      // symptom.
      return new Diagnosis(
          last.epoch(), last.status(), LearningAssessment.FAILED, last.judgedMetric(), List.of());
    }
    List<Detection> detections = new ArrayList<>();
    for (Detector detector : DETECTORS) {
      detector.detect(epochs, thresholds).ifPresent(detections::add);
    }
    EpochMetrics now = Series.last(epochs);
    unexplainedNotLearning(epochs, detections).ifPresent(detections::add);
    LearningAssessment state = state(now, detections);
    if (state != LearningAssessment.LEARNING) {
      return new Diagnosis(now.epoch(), now.status(), state, now.judgedMetric(), detections);
    }
    // a model that learns: advisory findings are hints, so a healthy run stays healthy
    List<Detection> symptoms = detections.stream().filter(d -> !d.advisory()).toList();
    List<Detection> hints = detections.stream().filter(Detection::advisory).toList();
    return new Diagnosis(now.epoch(), now.status(), state, now.judgedMetric(), symptoms, hints);
  }

  /** The first epoch at which the run was LEARNING, if it ever was. */
  public Optional<Integer> firstLearningEpoch(List<EpochMetrics> epochs) {
    for (int i = 1; i <= epochs.size(); i++) {
      Diagnosis diagnosis = diagnose(epochs.subList(0, i));
      if (diagnosis.state() == LearningAssessment.LEARNING) {
        return Optional.of(diagnosis.epoch());
      }
    }
    return Optional.empty();
  }

  /**
   * A run that has had its epochs and still does not beat chance by the margin is not learning,
   * even when no detector's specific rule (a flat loss, a collapse) fired: say so, with the
   * numbers, rather than leave a NOT_LEARNING state without a symptom to explain it.
   */
  private Optional<Detection> unexplainedNotLearning(
      List<EpochMetrics> epochs, List<Detection> detections) {
    EpochMetrics now = Series.last(epochs);
    double needed = now.chance() + thresholds.learningMargin();
    boolean explained = detections.stream().anyMatch(d -> d.symptom().blocking());
    if (explained || epochs.size() < thresholds.minEpochs() || now.judgedMetric() >= needed) {
      return Optional.empty();
    }
    return Optional.of(
        Detection.of(
            Symptom.NOT_LEARNING,
            "valBalancedAccuracy",
            epochs.get(0).epoch(),
            now.epoch(),
            now.judgedMetric(),
            needed,
            "validation balanced accuracy "
                + Series.num(now.judgedMetric())
                + " after "
                + epochs.size()
                + " epochs does not beat chance ("
                + Series.num(now.chance())
                + ") by the margin "
                + Series.num(thresholds.learningMargin())));
  }

  private LearningAssessment state(EpochMetrics now, List<Detection> detections) {
    if (now.status() == TrainingStatus.DIVERGED
        || detections.stream().anyMatch(d -> d.symptom() == Symptom.DIVERGING)) {
      return LearningAssessment.DIVERGED;
    }
    boolean blocked = detections.stream().anyMatch(d -> d.symptom().blocking());
    return !blocked && beatsChance(now)
        ? LearningAssessment.LEARNING
        : LearningAssessment.NOT_LEARNING;
  }

  /**
   * True when {@code now}'s validation metric beats chance by the learning margin: without it no
   * diagnosis after {@code now} is LEARNING, whatever the detectors find (what lets a search for
   * the first learning epoch pass over such an epoch without diagnosing it).
   */
  public boolean beatsChance(EpochMetrics now) {
    return now.judgedMetric() >= now.chance() + thresholds.learningMargin();
  }
}
