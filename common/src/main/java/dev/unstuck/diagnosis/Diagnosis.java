package dev.unstuck.diagnosis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A run's state after one epoch: learning or not, every active symptom with its evidence, and the
 * hints - advisory findings on a run that learns, shown but never counted as symptoms.
 */
public record Diagnosis(
    int epoch,
    TrainingStatus status,
    LearningAssessment state,
    double metric,
    List<Detection> detections,
    List<Detection> hints) {

  public Diagnosis {
    detections = List.copyOf(detections);
    hints = List.copyOf(hints);
  }

  public Diagnosis(
      int epoch,
      TrainingStatus status,
      LearningAssessment state,
      double metric,
      List<Detection> detections) {
    this(epoch, status, state, metric, detections, List.of());
  }

  public Set<Symptom> symptoms() {
    return symptomsOf(detections);
  }

  /**
   * The symptoms of the hints: findings still there, though the run learns (its inputs still
   * unnormalised).
   */
  public Set<Symptom> hintSymptoms() {
    return symptomsOf(hints);
  }

  private static Set<Symptom> symptomsOf(List<Detection> found) {
    Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    found.forEach(d -> symptoms.add(d.symptom()));
    return symptoms;
  }
}
