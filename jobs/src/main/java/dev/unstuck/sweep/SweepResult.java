package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.TrainingStatus;
import java.util.ArrayList;
import java.util.List;

/** Every run's outcome. A sweep succeeded when every run reached a final state (none FAILED). */
public record SweepResult(
    String sweepId, List<RunOutcome> outcomes, long wallMs, List<EpochTelemetry> telemetry) {

  public SweepResult {
    outcomes = List.copyOf(outcomes);
    telemetry = List.copyOf(telemetry);
  }

  /** Both results' runs, as one sweep. */
  public SweepResult plus(SweepResult more) {
    List<RunOutcome> allOutcomes = new ArrayList<>(outcomes);
    allOutcomes.addAll(more.outcomes());
    List<EpochTelemetry> allTelemetry = new ArrayList<>(telemetry);
    allTelemetry.addAll(more.telemetry());
    return new SweepResult(sweepId, allOutcomes, wallMs + more.wallMs(), allTelemetry);
  }

  public List<RunOutcome> failed() {
    return outcomes.stream().filter(o -> o.status() == TrainingStatus.FAILED).toList();
  }

  public boolean allReachedFinalState() {
    return failed().isEmpty();
  }

  public long count(TrainingStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public String summary() {
    String counts =
        String.format(
            "%s: %d runs in %.1f s - %d finished, %d diverged, %d failed",
            sweepId,
            outcomes.size(),
            wallMs / 1000.0,
            count(TrainingStatus.FINISHED),
            count(TrainingStatus.DIVERGED),
            count(TrainingStatus.FAILED));
    if (failed().isEmpty()) {
      return counts;
    }
    return counts
        + "\n  did not reach a final state: "
        + String.join(
            ", ", failed().stream().map(o -> o.runId() + " (" + o.message() + ")").toList());
  }
}
