package dev.unstuck.stream;

import dev.unstuck.db.PostgresStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the diagnosis stream is doing its job, for a supervisor (a Kubernetes probe, a monitor)
 * that cannot read its log. The stream waits out outages instead of failing - a database write is
 * retried until it commits, a failed query is restarted from its checkpoint - so "the process is
 * up" says nothing; this says whether it is writing.
 *
 * <ul>
 *   <li>{@link #alive()}: false only once the stream has ended (stopped, or given up after repeated
 *       query failures): restarting the process is the only way on.
 *   <li>{@link #ready()}: alive, every query running, and no database write waiting longer than the
 *       grace period. Not ready means results are not reaching the tables: an outage to look at.
 * </ul>
 *
 * @param problems why it is not ready, one line each; empty when ready
 */
public record StreamHealth(boolean alive, boolean ready, List<String> problems) {

  /** A query of the stream as its supervisor sees it. */
  public record QueryState(String name, boolean active, int restarts) {}

  /**
   * The health of a stream whose queries are {@code queries}, whose database stores report {@code
   * waiting}, at {@code now}.
   *
   * @param ended why the stream ended, if it has
   * @param databaseGrace how long a write may wait for the database before it counts as an outage
   *     (short blips - a failover, a restart - are normal)
   */
  public static StreamHealth of(
      Optional<String> ended,
      List<QueryState> queries,
      List<Optional<PostgresStore.Waiting>> waiting,
      Instant now,
      Duration databaseGrace) {
    List<String> problems = new ArrayList<>();
    ended.ifPresent(why -> problems.add("the stream has ended: " + why));
    for (QueryState query : queries) {
      if (!query.active()) {
        problems.add(
            "query "
                + query.name()
                + " is not running (restart "
                + query.restarts()
                + " of "
                + RunningDiagnosis.MAX_RESTARTS
                + " pending)");
      }
    }
    waiting.stream()
        .flatMap(Optional::stream)
        .filter(w -> Duration.between(w.since(), now).compareTo(databaseGrace) > 0)
        .forEach(
            w ->
                problems.add(
                    "PostgreSQL unreachable for "
                        + Duration.between(w.since(), now).toSeconds()
                        + " s: "
                        + w.what()
                        + " waits ("
                        + w.error()
                        + ")"));
    return new StreamHealth(ended.isEmpty(), problems.isEmpty(), List.copyOf(problems));
  }

  /** The health as a JSON-ready map: {@code status} UP or DOWN, {@code problems}. */
  public Map<String, Object> toJson() {
    return Map.of(
        "status", ready ? "UP" : "DOWN", "alive", alive, "ready", ready, "problems", problems);
  }
}
