package dev.unstuck.db;

/**
 * One execution of a sweep as the results tables hold it: its rows of each table, every column in
 * table order.
 */
public record StoredSweep(
    String sweepId, Table runDiagnosis, Table fixOutcome, Table epochMetric) {}
