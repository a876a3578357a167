package dev.unstuck.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results database: migrations (Flyway, {@code classpath:db/migration}) and transactions that
 * wait for the database while it is unreachable. Used on the driver only (from {@code
 * foreachBatch}); one connection, reopened after a failure.
 */
public final class PostgresStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

  /**
   * SQLSTATEs that mean "not now" rather than "never": shutdown, too many connections, conflicts.
   */
  private static final Set<String> TRANSIENT =
      Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String jdbcUrl;
  private final DbCredentials credentials;
  private final Duration firstBackoff;
  private Connection connection;
  private volatile Waiting waiting;

  /**
   * A write the store is waiting to commit because the database is unreachable: since when, what,
   * and the last error.
   */
  public record Waiting(Instant since, String what, String error) {}

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work {
    void run(Connection connection) throws SQLException;
  }

  public PostgresStore(String jdbcUrl, DbCredentials credentials) {
    this(jdbcUrl, credentials, Duration.ofSeconds(1));
  }

  PostgresStore(String jdbcUrl, DbCredentials credentials, Duration firstBackoff) {
    this.jdbcUrl = jdbcUrl;
    this.credentials = credentials;
    this.firstBackoff = firstBackoff;
  }

  /** Creates or upgrades the schema. */
  public MigrateResult migrate() {
    MigrateResult result =
        Flyway.configure()
            .dataSource(jdbcUrl, credentials.user(), credentials.password())
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        "database {} at schema version {} ({} migrations applied)",
        redactedUrl(),
        result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }

  /**
   * Runs {@code work} in one transaction. While the database is unreachable it waits - logging what
   * for - and retries with backoff until it commits: nothing is lost and nothing half-written.
   * Other SQL errors propagate.
   *
   * @param what what is being written, for the log ("micro-batch 12 of diagnoses")
   * @throws InterruptedException when the query is stopped while waiting
   */
  public synchronized void inTransaction(String what, Work work) throws InterruptedException {
    long backoff = firstBackoff.toMillis();
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        Connection c = connection();
        try {
          work.run(c);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          throw e;
        }
        waiting = null;
        if (attempt > 1) {
          LOG.info(
              "PostgreSQL at {} is back: {} committed after {} attempts",
              redactedUrl(),
              what,
              attempt);
        }
        return;
      } catch (SQLException e) {
        closeConnection();
        if (!unavailable(e)) {
          waiting = null; // not waiting: failed, and the query's supervisor takes over
          throw new IllegalStateException(
              what + " failed in PostgreSQL at " + redactedUrl() + ": " + e.getMessage(), e);
        }
        Waiting before = waiting;
        waiting =
            new Waiting(
                before == null ? Instant.now() : before.since(),
                what,
                e.getSQLState() + ": " + firstLine(e));
        LOG.warn(
            "waiting for PostgreSQL at {} ({}: {}): {} is not written yet and will be retried in {} ms; "
                + "nothing is lost, the stream resumes once the database accepts it",
            redactedUrl(),
            e.getSQLState(),
            firstLine(e),
            what,
            backoff);
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  /**
   * The write this store is waiting to commit, if the database is unreachable now: what a health
   * check reads, since the store itself waits rather than fails.
   */
  public Optional<Waiting> waiting() {
    return Optional.ofNullable(waiting);
  }

  /**
   * The gist of an error: its innermost message's first line (batch errors repeat the whole
   * statement).
   */
  static String firstLine(SQLException e) {
    Throwable t = e.getNextException() != null ? e.getNextException() : e;
    String message = String.valueOf(t.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Connection failures, shutdowns and transient conflicts: worth waiting for. */
  static boolean unavailable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || TRANSIENT.contains(state))) {
          return true;
        }
      }
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The JDBC URL with any password parameter masked, for logs. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  /** The URL with any password in it replaced by stars, for messages and logs. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1******");
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(jdbcUrl, credentials.jdbcProperties());
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed (the connection is being dropped anyway): {}", e.getMessage());
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a broken connection failed: {}", e.getMessage());
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeConnection();
  }
}
