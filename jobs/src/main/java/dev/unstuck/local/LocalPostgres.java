package dev.unstuck.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server (zonky's embedded binaries, run as a child process by {@code pg_ctl}) on
 * a loopback port, with a fresh data directory that is removed again on close. For {@code
 * bin/unstuck run} when no {@code --jdbc-url} is given.
 */
public final class LocalPostgres implements AutoCloseable {
  /** The superuser of the embedded server; it trusts local connections, so there is no password. */
  public static final String USER = "postgres";

  public static final String DATABASE = "postgres";

  private final EmbeddedPostgres server;
  private final Path dataDir;
  private final Process watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalPostgres(EmbeddedPostgres server, Path dataDir, Process watchdog) {
    this.server = server;
    this.dataDir = dataDir;
    this.watchdog = watchdog;
  }

  /** Starts on a free loopback port, data under {@code dataDir} (created, and removed on close). */
  public static LocalPostgres start(Path dataDir) {
    return start(dataDir, Ports.free());
  }

  /** Starts on {@code port}; a port in use fails with one clear line. */
  public static LocalPostgres start(Path dataDir, int port) {
    Ports.requireFree(port, "PostgreSQL");
    try {
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(
                  false) // LocalStack's hook stops it; two hooks racing fail each other
              .setPGStartupWait(Duration.ofSeconds(30))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "50")
              .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
              .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new LocalPostgres(server, dataDir, watchdog(dataDir));
    } catch (IOException | RuntimeException e) {
      throw new LocalServiceException(
          "the local PostgreSQL did not start on port " + port + ": " + firstLine(e), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
  }

  public int port() {
    return server.getPort();
  }

  public String user() {
    return USER;
  }

  public String password() {
    return "";
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * The server runs in its own session ({@code pg_ctl} detaches it), so it would outlive this JVM
   * if the JVM were killed outright (SIGKILL, an out-of-memory kill) and no shutdown hook ran. A
   * small shell process waits for this JVM to end and then stops the server and removes its data; a
   * normal close stops the watchdog first.
   */
  private static Process watchdog(Path dataDir) {
    String dir = "'" + dataDir.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    String script =
        "trap '' INT HUP; "
            + "while kill -0 "
            + ProcessHandle.current().pid()
            + " 2>/dev/null; do sleep 1; done; "
            + "pid=$(head -1 "
            + dir
            + "/postmaster.pid 2>/dev/null) && kill -INT \"$pid\" 2>/dev/null; "
            + "for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 \"$pid\" 2>/dev/null || break; sleep 1; done; "
            + "rm -rf "
            + dir;
    try {
      return new ProcessBuilder("sh", "-c", script)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return null; // no sh: the shutdown hook still stops the server on every ordinary exit
    }
  }

  /**
   * Stops the server ({@code pg_ctl stop}) and removes its data; idempotent, safe from a shutdown
   * hook.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (watchdog != null) {
      watchdog.destroy();
      try {
        watchdog.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new LocalServiceException(
          "the local PostgreSQL in " + dataDir + " did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL " + jdbcUrl();
  }
}
