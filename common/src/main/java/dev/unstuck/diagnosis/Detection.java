package dev.unstuck.diagnosis;

/**
 * A symptom found in a run, with its evidence.
 *
 * @param advisory the finding is a risk, not a failure of training (unnormalised inputs): on a run
 *     that learns it is shown as a hint, not as a symptom, so it neither makes a healthy model ill
 *     nor gives a fix something to "resolve"; on a run that does not learn it is a symptom, a
 *     likely cause
 */
public record Detection(Symptom symptom, Evidence evidence, boolean advisory) {

  public Detection(Symptom symptom, Evidence evidence) {
    this(symptom, evidence, false);
  }

  static Detection of(
      Symptom symptom,
      String metric,
      int from,
      int to,
      double value,
      double threshold,
      String explanation) {
    return new Detection(symptom, new Evidence(metric, from, to, value, threshold, explanation));
  }

  /** A finding that is a symptom only on a run that does not learn. */
  static Detection advisory(
      Symptom symptom,
      String metric,
      int from,
      int to,
      double value,
      double threshold,
      String explanation) {
    return new Detection(
        symptom, new Evidence(metric, from, to, value, threshold, explanation), true);
  }

  @Override
  public String toString() {
    return symptom + ": " + evidence.explanation();
  }
}
