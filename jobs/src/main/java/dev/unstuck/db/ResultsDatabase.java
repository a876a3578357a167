package dev.unstuck.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads one execution of a sweep from the results tables the diagnosis stream job fills ({@code
 * run_diagnosis}, {@code fix_outcome}, {@code epoch_metric}), and how far its diagnosis has come.
 * The tables keep every execution of a sweep name; a launcher reads the one it submitted ({@code
 * SweepJob --execution-id}), never an earlier run's.
 */
public final class ResultsDatabase {
  private final String jdbcUrl;
  private final Properties login;

  public ResultsDatabase(String jdbcUrl, Properties login) {
    this.jdbcUrl = jdbcUrl;
    this.login = login;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, login);
  }

  /**
   * All rows of one execution of a sweep in the three tables, typed; a value in a shape the schema
   * cannot hold is a {@link java.sql.SQLDataException} naming its table, column and row.
   */
  public StoredSweep read(String sweepId, String executionId) throws SQLException {
    try (Connection connection = connect()) {
      Rows<RunDiagnosisRow> runs =
          rows(
              connection,
              RunDiagnosisRow.TABLE,
              sweepId,
              executionId,
              "variant_id <> 'baseline', variant_id, seed",
              RunDiagnosisRow::read);
      Rows<FixOutcome> outcomes =
          rows(
              connection,
              FixOutcome.TABLE,
              sweepId,
              executionId,
              "variant_id, baseline_symptom",
              FixOutcome::read);
      Rows<EpochMetricRow> epochs =
          rows(
              connection,
              "epoch_metric",
              sweepId,
              executionId,
              "variant_id, seed, epoch",
              EpochMetricRow::read);
      return new StoredSweep(
          sweepId,
          runs.typed(),
          outcomes.typed(),
          epochs.typed(),
          runs.stored(),
          outcomes.stored());
    }
  }

  /** Reads the row a result set stands on. */
  @FunctionalInterface
  private interface RowMapper<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** A table's rows typed, and as stored. */
  private record Rows<T>(List<T> typed, Table stored) {}

  /**
   * A table's rows of one execution of a sweep: typed by {@code mapper}, and every column in table
   * order as stored.
   */
  private static <T> Rows<T> rows(
      Connection connection,
      String table,
      String sweepId,
      String executionId,
      String orderBy,
      RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT * FROM "
                + table
                + " WHERE sweep_id = ? AND execution_id = ? ORDER BY "
                + orderBy)) {
      query.setString(1, sweepId);
      query.setString(2, executionId);
      try (ResultSet rs = query.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<T> typed = new ArrayList<>();
        List<List<Object>> stored = new ArrayList<>();
        while (rs.next()) {
          typed.add(mapper.read(rs));
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.add(value(rs, i));
          }
          stored.add(row);
        }
        return new Rows<>(typed, new Table(table, columns, stored));
      }
    }
  }

  /**
   * Numbers and booleans as such, times as ISO-8601 UTC, everything else as PostgreSQL's text
   * (arrays as {@code {A,B}}, jsonb as JSON).
   */
  private static Object value(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof String) {
      return value;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    return rs.getString(column);
  }

  /**
   * How far a sweep's diagnosis is: runs with a final diagnosis, fixes whose every verdict is
   * final.
   */
  public record Progress(int finalRuns, int runs, int judgedFixes, int fixes, int failedRuns) {
    public boolean done() {
      return finalRuns >= runs && judgedFixes >= fixes;
    }

    public String line() {
      return String.format(
          "%d/%d runs diagnosed, %d/%d fixes judged", finalRuns, runs, judgedFixes, fixes);
    }
  }

  /**
   * Counts the plan's runs with a final diagnosis and its fixes whose every verdict row is final,
   * in execution {@code executionId} of the sweep.
   */
  public Progress progress(
      String sweepId, String executionId, Collection<String> runIds, Collection<String> fixIds)
      throws SQLException {
    Set<String> finalRuns = new HashSet<>();
    int failed = 0;
    Set<String> judged = new HashSet<>();
    try (Connection connection = connect()) {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT run_id, status FROM run_diagnosis"
                  + " WHERE sweep_id = ? AND execution_id = ? AND is_final")) {
        query.setString(1, sweepId);
        query.setString(2, executionId);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            if (runIds.contains(rs.getString(1))) {
              finalRuns.add(rs.getString(1));
              failed += "FAILED".equals(rs.getString(2)) ? 1 : 0;
            }
          }
        }
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT variant_id FROM fix_outcome"
                  + " WHERE sweep_id = ? AND execution_id = ? GROUP BY variant_id HAVING bool_and(is_final)")) {
        query.setString(1, sweepId);
        query.setString(2, executionId);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            if (fixIds.contains(rs.getString(1))) {
              judged.add(rs.getString(1));
            }
          }
        }
      }
    }
    return new Progress(finalRuns.size(), runIds.size(), judged.size(), fixIds.size(), failed);
  }
}
