package dev.unstuck.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.kafka.EndOffsets;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.text.Throwables;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running diagnosis stream: its queries, and a supervisor that restarts a failed query from its
 * checkpoint (Kafka or the database gone for longer than a write waits, an executor lost) with
 * backoff - nothing is lost, the query resumes at its last committed micro-batch. After {@value
 * #MAX_RESTARTS} failures in a row it gives up and {@link #failure()} says why.
 */
public final class RunningDiagnosis {
  private static final Logger LOG = LoggerFactory.getLogger(RunningDiagnosis.class);
  static final int MAX_RESTARTS = 8;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

  /** A query that ran this long since its last failure starts counting failures afresh. */
  private static final Duration HEALTHY_AFTER = Duration.ofMinutes(10);

  /** Starts one of the job's queries (again). */
  @FunctionalInterface
  interface QueryStarter {
    StreamingQuery start() throws TimeoutException;
  }

  private final Map<String, QueryStarter> starters;
  private final Map<String, StreamingQuery> queries = new LinkedHashMap<>();
  private final StreamSettings settings;
  private final StreamCounters counters;
  private final List<AutoCloseable> resources;
  private volatile HealthEndpoint healthEndpoint;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Thread supervisor;
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile Throwable failure;

  /**
   * Starts every query. When one does not start, those already started are stopped and {@code
   * resources} closed before the failure propagates: a start-up that fails part-way leaves nothing
   * running.
   */
  RunningDiagnosis(
      Map<String, QueryStarter> starters,
      StreamSettings settings,
      StreamCounters counters,
      List<AutoCloseable> resources)
      throws TimeoutException {
    this.starters = new LinkedHashMap<>(starters);
    this.settings = settings;
    this.counters = counters;
    this.resources = new CopyOnWriteArrayList<>(resources);
    try {
      for (Map.Entry<String, QueryStarter> starter : this.starters.entrySet()) {
        queries.put(starter.getKey(), starter.getValue().start());
      }
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("the diagnosis stream did not start ({}); stopping what did", e.toString());
      queries.values().forEach(RunningDiagnosis::stopQuery);
      closeResources();
      throw e;
    }
    supervisor = new Thread(this::supervise, "unstuck-diagnosis-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  /** Stops every query and releases the producer and database connections. Idempotent. */
  public void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    supervisor.interrupt();
    currentQueries().forEach(RunningDiagnosis::stopQuery);
    try {
      // a query the supervisor restarts meanwhile is stopped by the supervisor itself (see
      // supervise)
      supervisor.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeResources();
    LOG.info("diagnosis stream stopped: {}", counters);
    terminated.countDown();
  }

  private static void stopQuery(StreamingQuery query) {
    try {
      query.stop();
    } catch (TimeoutException e) {
      LOG.warn("query {} did not stop in time: {}", query.name(), e.getMessage());
    }
  }

  private void closeResources() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource, e.toString());
      }
    }
  }

  /** Blocks until {@link #stop()} or until the supervisor gave up ({@link #failure()}). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Why the stream ended on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** What it has done so far. */
  public StreamCounters counters() {
    return counters;
  }

  /**
   * Whether the stream is writing, at {@code now} ({@link StreamHealth}): its queries as the
   * supervisor sees them and the database writes waiting longer than {@code databaseGrace}.
   */
  public StreamHealth health(Instant now, Duration databaseGrace) {
    Optional<String> ended =
        failure != null
            ? Optional.of("gave up: " + Throwables.rootMessage(failure))
            : stopping ? Optional.of("stopped") : Optional.empty();
    List<StreamHealth.QueryState> states = new ArrayList<>();
    synchronized (this) {
      queries.forEach(
          (name, query) ->
              states.add(
                  new StreamHealth.QueryState(
                      name, query.isActive(), restarts.getOrDefault(name, 0))));
    }
    List<Optional<PostgresStore.Waiting>> waiting =
        resources.stream()
            .filter(PostgresStore.class::isInstance)
            .map(store -> ((PostgresStore) store).waiting())
            .toList();
    return StreamHealth.of(ended, states, waiting, now, databaseGrace);
  }

  /**
   * Serves {@link #health} over HTTP on {@code port} (0: any free port) until {@link #stop()}.
   *
   * @return the port it listens on
   */
  public synchronized int serveHealth(int port, Duration databaseGrace) {
    if (healthEndpoint == null) {
      healthEndpoint = HealthEndpoint.serve(port, () -> health(Instant.now(), databaseGrace));
      resources.add(healthEndpoint);
    }
    return healthEndpoint.port();
  }

  /** The port {@link #serveHealth} listens on, if it was called. */
  public Optional<Integer> healthPort() {
    HealthEndpoint endpoint = healthEndpoint;
    return endpoint == null ? Optional.empty() : Optional.of(endpoint.port());
  }

  /** The queries as they run now (a restarted query is a new instance). */
  public synchronized List<StreamingQuery> currentQueries() {
    return List.copyOf(queries.values());
  }

  /**
   * Waits until every query has committed a micro-batch that reaches the telemetry topic's end as
   * it is now - everything produced before the call is in the tables and on the diagnosis topic.
   *
   * @return false when {@code timeout} passed first
   * @throws IllegalStateException when the stream failed for good
   */
  public boolean processAvailable(Duration timeout) throws InterruptedException {
    Map<Integer, Long> end = endOffsets();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (failure != null) {
        throw new IllegalStateException("the diagnosis stream failed", failure);
      }
      if (currentQueries().stream().allMatch(q -> reached(q, end))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** {@link #processAvailable(Duration)} with ten minutes' patience. */
  public void processAvailable() throws InterruptedException {
    if (!processAvailable(Duration.ofMinutes(10))) {
      throw new IllegalStateException("the diagnosis stream did not catch up within 10 minutes");
    }
  }

  private boolean reached(StreamingQuery query, Map<Integer, Long> end) {
    StreamingQueryProgress progress = query.lastProgress();
    if (progress == null
        || progress.sources().length == 0
        || progress.sources()[0].endOffset() == null) {
      return end.values().stream().allMatch(o -> o == 0);
    }
    try {
      JsonNode offsets =
          new ObjectMapper()
              .readTree(progress.sources()[0].endOffset())
              .path(settings.telemetryTopic());
      for (Map.Entry<Integer, Long> partition : end.entrySet()) {
        if (offsets.path(String.valueOf(partition.getKey())).asLong(0) < partition.getValue()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new IllegalStateException(
          "unreadable source offsets " + progress.sources()[0].endOffset(), e);
    }
  }

  private Map<Integer, Long> endOffsets() {
    KafkaSettings kafka = settings.kafka();
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      return EndOffsets.of(admin, settings.telemetryTopic());
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the end offsets of "
              + settings.telemetryTopic()
              + " from "
              + kafka.redacted(),
          e);
    }
  }

  private void supervise() {
    Map<String, Integer> failures = new HashMap<>();
    Map<String, Long> lastFailure = new HashMap<>();
    try {
      while (!stopping) {
        for (String name : starters.keySet()) {
          StreamingQuery query;
          synchronized (this) {
            query = queries.get(name);
          }
          if (query.isActive() || stopping) {
            continue;
          }
          Optional<StreamingQueryException> error = toOptional(query.exception());
          if (error.isEmpty()) {
            LOG.warn("query {} was stopped from outside; stopping the diagnosis stream", name);
            new Thread(this::stop, "unstuck-diagnosis-stop").start();
            return;
          }
          long now = System.nanoTime();
          if (now - lastFailure.getOrDefault(name, now) > HEALTHY_AFTER.toNanos()) {
            failures.put(name, 0);
          }
          lastFailure.put(name, now);
          int n = failures.merge(name, 1, Integer::sum);
          restarts.put(name, n);
          if (n > MAX_RESTARTS) {
            LOG.error(
                "query {} failed {} times in a row; giving up: {}",
                name,
                n,
                error.get().getMessage());
            failure = error.get();
            new Thread(this::stop, "unstuck-diagnosis-stop").start();
            return;
          }
          long backoff = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(n, 10));
          LOG.warn(
              "query {} failed ({}); restarting it from its checkpoint in {} s (attempt {} of {})",
              name,
              Throwables.rootMessage(error.get()),
              backoff / 1000,
              n,
              MAX_RESTARTS);
          Thread.sleep(backoff);
          if (stopping) {
            return;
          }
          StreamingQuery restarted = starters.get(name).start();
          synchronized (this) {
            // stop() sets stopping and then lists the queries under this lock: a query registered
            // here is in
            // its list, one restarted after it is stopped here, never left running beside closed
            // stores
            if (!stopping) {
              queries.put(name, restarted);
              continue;
            }
          }
          Thread.interrupted(); // stop() interrupted this thread; stopping the query waits for its
          // thread
          stopQuery(restarted);
          return;
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      LOG.error("cannot restart the diagnosis stream: {}", e.toString());
      failure = e;
      new Thread(this::stop, "unstuck-diagnosis-stop").start();
    }
  }

  private static <T> Optional<T> toOptional(scala.Option<T> option) {
    return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
  }
}
