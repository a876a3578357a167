package dev.unstuck.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * Looks for one symptom in a run's epochs so far (oldest first, the last one is the current epoch).
 */
public interface Detector {

  Symptom symptom();

  Optional<Detection> detect(List<EpochMetrics> epochs, Thresholds thresholds);
}
