package dev.unstuck.diagnosis;

/** A symptom found in a run, with its evidence. */
public record Detection(Symptom symptom, Evidence evidence) {

  static Detection of(Symptom symptom, String metric, int from, int to, double value, double threshold,
      String explanation) {
    return new Detection(symptom, new Evidence(metric, from, to, value, threshold, explanation));
  }

  @Override
  public String toString() {
    return symptom + ": " + evidence.explanation();
  }
}
