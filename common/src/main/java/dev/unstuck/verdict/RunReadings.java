package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import java.util.List;
import java.util.Optional;

/**
 * What {@link FixJudge} reads off a run: its diagnosis after some of its epochs, and its first
 * learning epoch. By default diagnosed on the spot; a caller that already holds them (the stream
 * job carries a run's first learning epoch from batch to batch, and diagnoses a run once however
 * many fixes compare against it) gives its own, which must answer exactly as diagnosing would.
 */
public interface RunReadings {

  /**
   * The diagnosis after {@code epochs}: the first epochs of {@code run} (non-empty, oldest first).
   */
  Diagnosis diagnose(RunHistory run, List<EpochMetrics> epochs);

  /** {@link RunDiagnoser#firstLearningEpoch} of {@code epochs}: the first epochs of {@code run}. */
  Optional<Integer> firstLearningEpoch(RunHistory run, List<EpochMetrics> epochs);

  /** Readings that diagnose every time. */
  static RunReadings diagnosing(RunDiagnoser diagnoser) {
    return new RunReadings() {
      @Override
      public Diagnosis diagnose(RunHistory run, List<EpochMetrics> epochs) {
        return diagnoser.diagnose(epochs);
      }

      @Override
      public Optional<Integer> firstLearningEpoch(RunHistory run, List<EpochMetrics> epochs) {
        return diagnoser.firstLearningEpoch(epochs);
      }
    };
  }
}
