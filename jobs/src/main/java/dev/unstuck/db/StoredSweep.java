package dev.unstuck.db;

import java.util.List;

/**
 * One execution of a sweep as the results tables hold it: its rows, typed; and the rows of {@code
 * run_diagnosis} and {@code fix_outcome} as stored, every column in table order, for the CSV files.
 */
public record StoredSweep(
    String sweepId,
    List<RunDiagnosisRow> runs,
    List<FixOutcome> outcomes,
    List<EpochMetricRow> epochs,
    Table runDiagnosisTable,
    Table fixOutcomeTable) {

  public StoredSweep {
    runs = List.copyOf(runs);
    outcomes = List.copyOf(outcomes);
    epochs = List.copyOf(epochs);
  }
}
