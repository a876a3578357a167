package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.data.DataException;
import dev.unstuck.kafka.KafkaUnreachableException;
import org.junit.jupiter.api.Test;

/**
 * The launcher's words for what happened: exit codes of a sweep that threw, and what it will stop.
 */
class LauncherMessagesTest {

  @Test
  void aSweepThatThrewGetsTheExitCodeOfItsCause() {
    assertThat(
            SweepFailure.exitCode(
                new RuntimeException("wrapped", new DataException("data.label: no column"))))
        .isEqualTo(4);
    assertThat(
            SweepFailure.line(
                new RuntimeException("wrapped", new DataException("data.label: no column")),
                "x.log"))
        .isEqualTo("data.label: no column");
    assertThat(
            SweepFailure.exitCode(new KafkaUnreachableException("Kafka at x did not answer", null)))
        .isEqualTo(RunCommand.SERVICES);
    assertThat(SweepFailure.exitCode(new IllegalStateException("boom")))
        .isEqualTo(RunCommand.INCOMPLETE);
    assertThat(
            SweepFailure.line(
                new IllegalStateException("outer", new ArithmeticException("/ by zero")), "x.log"))
        .isEqualTo("the sweep job failed: / by zero (the details are in x.log)");
  }

  @Test
  void onlyWhatWasStartedIsSaidToBeStopped() {
    assertThat(Connections.started(true, true)).isEqualTo(" (both stopped again when this ends)");
    assertThat(Connections.started(true, false)).isEqualTo(" (Kafka stopped again when this ends)");
    assertThat(Connections.started(false, true))
        .isEqualTo(" (PostgreSQL stopped again when this ends)");
    assertThat(Connections.started(false, false)).isEmpty();
  }
}
