package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.db.PostgresStore.Waiting;
import dev.unstuck.stream.StreamHealth.QueryState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHealthTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(2);
  private static final List<QueryState> RUNNING =
      List.of(new QueryState("ingest", true, 0), new QueryState("diagnose", true, 0));

  private static Optional<Waiting> waitingFor(Duration d) {
    return Optional.of(new Waiting(NOW.minus(d), "micro-batch 7 of telemetry", "08001: refused"));
  }

  @Test
  void runningQueriesAndNoWaitingWriteAreReady() {
    StreamHealth health =
        StreamHealth.of(
            Optional.empty(), RUNNING, List.of(Optional.empty(), Optional.empty()), NOW, GRACE);

    assertThat(health.alive()).isTrue();
    assertThat(health.ready()).isTrue();
    assertThat(health.problems()).isEmpty();
    assertThat(health.toJson()).containsEntry("status", "UP");
  }

  @Test
  void aWriteWaitingWithinTheGraceIsABlipNotAnOutage() {
    StreamHealth health =
        StreamHealth.of(
            Optional.empty(),
            RUNNING,
            List.of(waitingFor(Duration.ofSeconds(119)), Optional.empty()),
            NOW,
            GRACE);

    assertThat(health.ready()).isTrue();
  }

  @Test
  void aWriteWaitingPastTheGraceIsNotReadyButAlive() {
    StreamHealth health =
        StreamHealth.of(
            Optional.empty(),
            RUNNING,
            List.of(Optional.empty(), waitingFor(Duration.ofSeconds(121))),
            NOW,
            GRACE);

    assertThat(health.alive()).isTrue();
    assertThat(health.ready()).isFalse();
    assertThat(health.problems())
        .containsExactly(
            "PostgreSQL unreachable for 121 s: micro-batch 7 of telemetry waits (08001: refused)");
    assertThat(health.toJson()).containsEntry("status", "DOWN");
  }

  @Test
  void aQueryAwaitingItsRestartIsNotReady() {
    StreamHealth health =
        StreamHealth.of(
            Optional.empty(),
            List.of(new QueryState("ingest", true, 0), new QueryState("diagnose", false, 3)),
            List.of(),
            NOW,
            GRACE);

    assertThat(health.alive()).isTrue();
    assertThat(health.ready()).isFalse();
    assertThat(health.problems())
        .containsExactly(
            "query diagnose is not running (restart 3 of "
                + RunningDiagnosis.MAX_RESTARTS
                + " pending)");
  }

  @Test
  void anEndedStreamIsNeitherAliveNorReady() {
    StreamHealth health =
        StreamHealth.of(
            Optional.of("gave up: Connection refused"),
            List.of(new QueryState("ingest", false, 9)),
            List.of(),
            NOW,
            GRACE);

    assertThat(health.alive()).isFalse();
    assertThat(health.ready()).isFalse();
    assertThat(health.problems())
        .first()
        .isEqualTo("the stream has ended: gave up: Connection refused");
  }
}
