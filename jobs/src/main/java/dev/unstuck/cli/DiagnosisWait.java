package dev.unstuck.cli;

import dev.unstuck.db.ResultsDatabase;
import dev.unstuck.stream.RunningDiagnosis;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits, once training ended, until the stream job caught up with all telemetry and every planned
 * run and fix of this execution has its final row - or the wait ends, or the stream job failed.
 * Only this execution's rows count (a shared database keeps earlier runs of the sweep name), and a
 * final row does not change: once every one is in, the answer is complete.
 */
final class DiagnosisWait {
  private static final long SAY_EVERY_SECONDS = 10;

  private final RunningDiagnosis diagnosis;
  private final ResultsDatabase database;
  private final Consumer<String> say;

  DiagnosisWait(RunningDiagnosis diagnosis, ResultsDatabase database, Consumer<String> say) {
    this.diagnosis = diagnosis;
    this.database = database;
    this.say = say;
  }

  /** How far the diagnosis of this execution came within {@code waitSeconds}. */
  ResultsDatabase.Progress await(
      String sweepId, String executionId, PlannedRuns planned, int waitSeconds)
      throws InterruptedException, SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
    boolean caughtUp = false;
    long lastSaid = 0;
    ResultsDatabase.Progress progress =
        database.progress(sweepId, executionId, planned.runIds(), planned.fixIds());
    while (System.nanoTime() < deadline && diagnosis.failure().isEmpty()) {
      if (!caughtUp) {
        try {
          caughtUp = diagnosis.processAvailable(Duration.ofSeconds(2));
        } catch (IllegalStateException failed) {
          break; // the query stopped: its failure is the answer
        }
      } else {
        Thread.sleep(500);
      }
      progress = database.progress(sweepId, executionId, planned.runIds(), planned.fixIds());
      if (progress.done()) {
        break;
      }
      if (System.nanoTime() - lastSaid > TimeUnit.SECONDS.toNanos(SAY_EVERY_SECONDS)) {
        say.accept(progress.line() + " ...");
        lastSaid = System.nanoTime();
      }
    }
    say.accept(progress.line());
    return progress;
  }
}
