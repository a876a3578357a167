package dev.unstuck.diagnosis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A run's state after one epoch: learning or not, and every active symptom with its evidence. */
public record Diagnosis(int epoch, RunStatus status, LearningState state, double metric, List<Detection> detections) {

  public Diagnosis {
    detections = List.copyOf(detections);
  }

  public Set<Symptom> symptoms() {
    Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    detections.forEach(d -> symptoms.add(d.symptom()));
    return symptoms;
  }
}
