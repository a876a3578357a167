package dev.unstuck.stream;

import com.sun.management.OperatingSystemMXBean;
import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.wire.Codecs;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Benchmark of the stream job's Spark work without Kafka or PostgreSQL: the replay's records (as
 * {@link StreamBench} produces them) in a cached DataFrame of Kafka-shaped rows, put through each
 * query's plan in a batch job, side by side in one JVM and in alternating rounds, so that other
 * load on the machine falls on every variant alike. Per variant: wall time and the process's CPU
 * time of the best round, and records per second of wall time.
 *
 * <ul>
 *   <li>ingest, every field / its fields: the telemetry query's decode and projection ({@link
 *       EpochRows#columns()}), records decoded in full or only the fields it writes;
 *   <li>diagnose, every field / identity: the diagnosis query's plan ({@link
 *       DiagnosisPipeline#diagnose}, the stateful step included) over records decoded in full or
 *       only their identity.
 * </ul>
 *
 * Run through {@code deploy/bench/stream-bench.sh --decode-only [RUNS] [EPOCHS] [ROUNDS]}.
 */
public final class StreamDecodeBench {
  private static final int RUNS_PER_SWEEP = 20;
  private static final StructType KAFKA_ROWS =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType);
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) {
    int runs = Integer.getInteger("bench.runs", 1000);
    int epochs = Integer.getInteger("bench.epochs", 100);
    int rounds = Integer.getInteger("bench.rounds", 3);
    SparkSession spark = StreamTestSpark.get();
    Dataset<Row> kafkaRows = kafkaRows(spark, runs, epochs).cache();
    long records = kafkaRows.count();
    System.out.printf(
        "DECODE %d records (%d runs x %d epochs + terminal)%n", records, runs, epochs);

    Map<String, Function<Dataset<Row>, Dataset<?>>> variants = new LinkedHashMap<>();
    variants.put(
        "ingest, every field", rows -> TelemetryDecoding.decode(rows).select(EpochRows.columns()));
    variants.put(
        "ingest, its fields",
        rows -> TelemetryDecoding.decode(rows, EpochRows.FIELDS).select(EpochRows.columns()));
    variants.put(
        "diagnose, every field",
        rows -> DiagnosisPipeline.diagnose(TelemetryDecoding.decode(rows), 60_000));
    variants.put(
        "diagnose, identity",
        rows ->
            DiagnosisPipeline.diagnose(
                TelemetryDecoding.decode(rows, TelemetryDecoding.IDENTITY), 60_000));

    Map<String, long[]> best = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Function<Dataset<Row>, Dataset<?>>> variant : variants.entrySet()) {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        variant.getValue().apply(kafkaRows).write().format("noop").mode("overwrite").save();
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(OS.getProcessCpuTime() - cpu);
        if (round == 0) {
          continue; // warm-up: class loading and code generation
        }
        System.out.printf(
            "  round %d  %-22s wall %6d ms  cpu %6d ms%n", round, variant.getKey(), wallMs, cpuMs);
        best.merge(
            variant.getKey(),
            new long[] {wallMs, cpuMs},
            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.min(a[1], b[1])});
      }
    }
    best.forEach(
        (name, ms) ->
            System.out.printf(
                "  best  %-22s wall %6d ms  cpu %6d ms  %8.0f records/s%n",
                name, ms[0], ms[1], records * 1000.0 / ms[0]));
    spark.stop();
  }

  private static Dataset<Row> kafkaRows(SparkSession spark, int runs, int epochs) {
    List<Row> rows = new ArrayList<>();
    long offset = 0;
    for (int s = 0; s < runs / RUNS_PER_SWEEP; s++) {
      for (List<EpochTelemetry> run : StreamBench.sweep("replay-" + s, RUNS_PER_SWEEP, epochs)) {
        for (EpochTelemetry r : run) {
          rows.add(
              RowFactory.create(
                  r.getRunId().getBytes(StandardCharsets.UTF_8),
                  Codecs.TELEMETRY.encode(r),
                  "replay.telemetry",
                  0,
                  offset++));
        }
      }
    }
    return spark.createDataFrame(rows, KAFKA_ROWS).repartition(2);
  }

  private StreamDecodeBench() {}
}
