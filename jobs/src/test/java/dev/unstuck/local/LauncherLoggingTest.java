package dev.unstuck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code bin/unstuck}'s log lines go: the terminal shows Unstuck's own warnings and errors,
 * without stack traces; other libraries' lines - the Spark ERROR lines of runs that succeeded or
 * were stopped (issue 9, defect 8) - go to unstuck.log only, with everything else. Checked on a
 * logger context of its own, configured exactly as the launcher configures the process's, so the
 * tests' own logging is left alone.
 */
class LauncherLoggingTest {

  /**
   * What reached the terminal (stdout and stderr) while {@code logging} ran against the launcher's
   * logging.
   */
  private static String terminal(Path logFile, Consumer<LoggerContext> logging) {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    LoggerContext context = new LoggerContext("launcher-logging-test");
    try {
      PrintStream capture = new PrintStream(terminal, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
      context.start(
          LauncherLogging.configuration(
              logFile)); // its console appender takes System.err as it is now
      logging.accept(context);
    } finally {
      context.stop();
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return terminal.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sparkErrorLinesGoToTheLogFileAndNotToTheTerminal(@TempDir Path dir) throws Exception {
    Path logFile = dir.resolve("unstuck.log");

    String terminal =
        terminal(
            logFile,
            context -> {
              context
                  .getLogger("org.apache.spark.scheduler.TaskSchedulerImpl")
                  .error(
                      "Exception in statusUpdate",
                      new IllegalStateException("RpcEnv already stopped"));
              context
                  .getLogger("org.apache.spark.storage.BlockManager")
                  .error("Store broadcast broadcast_7 fail");
              context
                  .getLogger("org.apache.spark.SparkContext")
                  .error("Cannot call methods on a stopped SparkContext.");
              context
                  .getLogger("org.apache.kafka.clients.NetworkClient")
                  .error("Connection to node 1 failed");
              context
                  .getLogger("org.deeplearning4j.nn.multilayer.MultiLayerNetwork")
                  .error("DL4J says something");
              context
                  .getLogger("org.apache.spark.executor.Executor")
                  .info("Running task 0.0 in stage 3.0");
            });

    assertThat(terminal).isEmpty();
    String log = Files.readString(logFile);
    assertThat(log)
        .contains(
            "ERROR TaskSchedulerImpl: Exception in statusUpdate",
            "java.lang.IllegalStateException: RpcEnv already stopped",
            "\tat ",
            "ERROR BlockManager: Store broadcast broadcast_7 fail",
            "ERROR SparkContext: Cannot call methods on a stopped SparkContext.",
            "ERROR NetworkClient: Connection to node 1 failed",
            "ERROR MultiLayerNetwork: DL4J says something");
    assertThat(log)
        .as("a quiet library's INFO lines stay out of the file too")
        .doesNotContain("Running task");
  }

  @Test
  void unstucksOwnWarningsReachTheTerminalAsOneLineWithTheTraceInTheFile(@TempDir Path dir)
      throws Exception {
    Path logFile = dir.resolve("unstuck.log");

    String terminal =
        terminal(
            logFile,
            context -> {
              context.getLogger("dev.unstuck.cli.RunCommand").info("sweep started");
              context
                  .getLogger("dev.unstuck.data.DatasetLoader")
                  .warn(
                      "feature column 'f5' holds 15 text cells",
                      new IllegalArgumentException("why"));
            });

    assertThat(terminal.lines())
        .singleElement()
        .asString()
        .endsWith("WARN  DatasetLoader: feature column 'f5' holds 15 text cells");
    assertThat(Files.readString(logFile))
        .contains(
            "INFO  RunCommand: sweep started",
            "WARN  DatasetLoader: feature column 'f5' holds 15 text cells",
            "java.lang.IllegalArgumentException: why");
  }

  /**
   * After Ctrl-C the terminal hears nothing more from the logs: the jobs' complaints about being
   * stopped.
   */
  @Test
  void afterMutingTheConsoleEvenUnstucksErrorsGoOnlyToTheFile(@TempDir Path dir) throws Exception {
    Path logFile = dir.resolve("unstuck.log");

    String terminal =
        terminal(
            logFile,
            context -> {
              LauncherLogging.muteConsole(context);
              context.getLogger("dev.unstuck.sweep.SweepRunner").error("run interrupted");
            });

    assertThat(terminal).isEmpty();
    assertThat(Files.readString(logFile)).contains("ERROR SweepRunner: run interrupted");
  }

  /**
   * Without a results folder yet (no log file), other libraries' errors are all there is: the
   * terminal gets them.
   */
  @Test
  void withoutALogFileOtherLibrariesErrorsReachTheTerminal() {
    String terminal =
        terminal(
            null,
            context -> {
              context
                  .getLogger("org.apache.spark.SparkContext")
                  .error("Error initializing SparkContext.");
              context.getLogger("org.apache.spark.SparkContext").warn("a warning");
            });

    assertThat(terminal.lines())
        .singleElement()
        .asString()
        .endsWith("ERROR SparkContext: Error initializing SparkContext.");
  }
}
