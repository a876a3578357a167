package dev.unstuck.stream;

import static org.apache.spark.sql.functions.col;

import dev.unstuck.diagnosis.Thresholds;
import java.util.Collection;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.state.StateStore;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * The stream job's queries, as functions the job and its tests both call.
 *
 * <pre>
 * Kafka (telemetry) -> {@link TelemetryDecoding#decode} -+-> ingest:   dead letters -> Kafka (DLQ),
 *                                                         |             records -> sweep, run, epoch_metric
 *                                                         +-> diagnose: per sweep, stateful ({@link SweepDiagnoser})
 *                                                                       -> Kafka (diagnosis), run_diagnosis, fix_outcome
 * </pre>
 *
 * Two queries, each with its own checkpoint under the checkpoint root, so the tables of raw
 * telemetry do not wait for the diagnosis and a restart resumes each where it committed. A restart
 * may be an upgrade: telemetry of any published EpochTelemetry schema, on the topic or in the
 * diagnosis state, is read into the current schema; a schema newer than the job goes to the
 * dead-letter topic instead of failing the query.
 */
public final class DiagnosisPipeline {
  public static final String INGEST_QUERY = "unstuck-telemetry-ingest";
  public static final String DIAGNOSE_QUERY = "unstuck-diagnosis";

  /** Spark's RocksDB state store: state off the JVM heap, incremental checkpoints. */
  public static final String ROCKSDB_PROVIDER =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  static final String STATE_STORE_PROVIDER = "spark.sql.streaming.stateStore.providerClass";
  static final String CHANGELOG_CHECKPOINTING =
      "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled";

  private DiagnosisPipeline() {}

  /**
   * The telemetry topic as a stream of Kafka rows, decoded ({@link TelemetryDecoding#decode}) as
   * far as {@code fields}.
   */
  public static Dataset<Row> telemetry(
      SparkSession spark, StreamSettings settings, Collection<String> fields) {
    DataStreamReader reader =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", settings.kafka().bootstrapServers())
            .option("subscribe", settings.telemetryTopic())
            .option("startingOffsets", settings.startingOffsets());
    settings
        .kafka()
        .clientProperties()
        .forEach((key, value) -> reader.option("kafka." + key, value));
    if (settings.maxRecordsPerTrigger() > 0) {
      reader.option("maxOffsetsPerTrigger", settings.maxRecordsPerTrigger());
    }
    return TelemetryDecoding.decode(reader.load(), fields);
  }

  /**
   * The stateful step over decoded telemetry (stream or batch): valid records grouped by execution
   * of a sweep, folded into that execution's state by {@link SweepDiagnoser}; an execution without
   * records for {@code stateTimeoutMs} is dropped. Telemetry without an execution id (producers
   * before it) groups by its sweep id alone, the key a job before execution ids checkpointed its
   * state under, so that state is restored.
   */
  public static Dataset<DiagnosisOutput> diagnose(Dataset<Row> decoded, long stateTimeoutMs) {
    return diagnose(decoded, stateTimeoutMs, Thresholds.DEFAULTS);
  }

  /** As {@link #diagnose(Dataset, long)} with the detectors' and verdicts' thresholds given. */
  public static Dataset<DiagnosisOutput> diagnose(
      Dataset<Row> decoded, long stateTimeoutMs, Thresholds thresholds) {
    return decoded
        .filter(col(TelemetryDecoding.DEAD_LETTER_REASON).isNull())
        .select(
            col(TelemetryDecoding.TELEMETRY + ".sweepId").as("sweepId"),
            col(TelemetryDecoding.TELEMETRY + ".executionId").as("executionId"),
            col("value").as("payload"))
        .as(Encoders.bean(TelemetryPayload.class))
        .groupByKey(
            (MapFunction<TelemetryPayload, String>) TelemetryPayload::stateKey, Encoders.STRING())
        .flatMapGroupsWithState(
            new SweepDiagnoser(stateTimeoutMs, thresholds),
            OutputMode.Update(),
            Encoders.bean(SweepState.class),
            Encoders.bean(DiagnosisOutput.class),
            GroupStateTimeout.ProcessingTimeTimeout());
  }

  /** Starts the telemetry query: dead letters and the raw tables. */
  public static StreamingQuery startIngest(
      SparkSession spark, StreamSettings settings, IngestWriter writer) throws TimeoutException {
    return telemetry(spark, settings, EpochRows.FIELDS)
        .writeStream()
        .queryName(INGEST_QUERY)
        .option("checkpointLocation", settings.checkpointOf("ingest"))
        .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
        .foreachBatch(writer)
        .start();
  }

  /** Starts the diagnosis query on the RocksDB state store. */
  public static StreamingQuery startDiagnosis(
      SparkSession spark, StreamSettings settings, DiagnosisWriter writer) throws TimeoutException {
    useRocksDb(spark);
    return diagnose(
            // the state decodes each record itself: the query reads only what groups it
            telemetry(spark, settings, TelemetryDecoding.IDENTITY),
            settings.stateTimeout().toMillis(),
            settings.thresholds())
        .writeStream()
        .queryName(DIAGNOSE_QUERY)
        .outputMode(OutputMode.Update())
        .option("checkpointLocation", settings.checkpointOf("diagnose"))
        .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
        .foreachBatch(writer)
        .start();
  }

  private static final AtomicBoolean STORES_CLOSED_AT_EXIT = new AtomicBoolean();

  /**
   * Closes the loaded state stores when the JVM exits, after Spark's own hook has stopped the
   * context (Spark runs its hooks in priority order; the context's is 50, temporary folders go at
   * 25). RocksDB stores left open until the JVM's native teardown crashed it with SIGABRT ("pthread
   * lock: Invalid argument") after all work was done - the launcher once, a test JVM once. Closing
   * them any earlier is unsafe: the registry is JVM-wide, and a task still running would use a
   * closed store (a SIGSEGV in RocksDB.getProperty, seen).
   */
  private static void closeStateStoresAtExit() {
    if (STORES_CLOSED_AT_EXIT.compareAndSet(false, true)) {
      ShutdownHookManager.addShutdownHook(
          ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() - 10,
          new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
              StateStore.stop();
              return BoxedUnit.UNIT;
            }
          });
    }
  }

  /**
   * RocksDB unless the session names another provider. Spark records the provider in the checkpoint
   * at the first batch; a restarted query keeps the one it started with.
   */
  static void useRocksDb(SparkSession spark) {
    closeStateStoresAtExit();
    if (!spark.conf().contains(STATE_STORE_PROVIDER)) {
      spark.conf().set(STATE_STORE_PROVIDER, ROCKSDB_PROVIDER);
    }
    // each micro-batch uploads a small changelog instead of a RocksDB snapshot
    if (!spark.conf().contains(CHANGELOG_CHECKPOINTING)) {
      spark.conf().set(CHANGELOG_CHECKPOINTING, "true");
    }
  }
}
