package dev.unstuck.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import dev.unstuck.db.EpochRow;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.db.ResultTables;
import dev.unstuck.kafka.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code foreachBatch} of the telemetry query: undecodable messages to the dead-letter topic (with
 * the reason and source offset as headers), every decoded record into {@code sweep}, {@code run}
 * and {@code epoch_metric} - one transaction per micro-batch. Runs on the driver.
 */
public final class IngestWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);

  /** Header naming why a message was dead-lettered. */
  public static final String REASON_HEADER = "unstuck.dead-letter.reason";

  /** Header naming where it came from: {@code topic/partition@offset}. */
  public static final String SOURCE_HEADER = "unstuck.dead-letter.source";

  private static final int FIRST_TELEMETRY_COLUMN = 6;

  private final transient PostgresStore store;
  private final transient KafkaPublisher publisher;
  private final String deadLetterTopic;
  private final transient StreamCounters counters;

  public IngestWriter(
      PostgresStore store,
      KafkaPublisher publisher,
      String deadLetterTopic,
      StreamCounters counters) {
    this.store = store;
    this.publisher = publisher;
    this.deadLetterTopic = deadLetterTopic;
    this.counters = counters;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    Column reason = col(TelemetryDecoding.DEAD_LETTER_REASON);
    Column[] columns =
        Stream.concat(
                Stream.of(
                    col("key"),
                    when(reason.isNotNull(), col("value")),
                    reason,
                    col("topic"),
                    col("partition"),
                    col("offset")),
                Arrays.stream(EpochRows.columns()))
            .toArray(Column[]::new);
    long start = System.nanoTime();
    List<Row> rows = batch.select(columns).collectAsList();
    long collected = System.nanoTime();
    List<EpochRow> epochs = new ArrayList<>(rows.size());
    Map<String, Integer> dead = new TreeMap<>();
    for (Row row : rows) {
      if (row.isNullAt(2)) {
        epochs.add(EpochRows.of(row, FIRST_TELEMETRY_COLUMN));
        continue;
      }
      String why = row.getString(2);
      String source = row.getString(3) + "/" + row.getInt(4) + "@" + row.getLong(5);
      publisher.send(
          deadLetterTopic,
          row.isNullAt(0) ? null : (byte[]) row.get(0),
          row.isNullAt(1) ? null : (byte[]) row.get(1),
          List.of(
              new RecordHeader(REASON_HEADER, why.getBytes(StandardCharsets.UTF_8)),
              new RecordHeader(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8))));
      dead.merge(why, 1, Integer::sum);
    }
    if (!dead.isEmpty()) {
      publisher.flush();
      dead.forEach(
          (why, n) -> {
            for (int i = 0; i < n; i++) {
              counters.addDeadLetter(why);
            }
          });
      LOG.warn(
          "micro-batch {}: {} undecodable telemetry messages copied to {} {}",
          batchId,
          dead.values().stream().mapToInt(Integer::intValue).sum(),
          deadLetterTopic,
          dead);
    }
    store.inTransaction(
        "micro-batch " + batchId + " of telemetry (" + epochs.size() + " records)",
        c -> ResultTables.writeTelemetry(c, epochs));
    counters.addTelemetry(epochs.size());
    LOG.info(
        "micro-batch {}: {} telemetry records decoded and collected in {} ms, written in {} ms",
        batchId,
        rows.size(),
        (collected - start) / 1_000_000,
        (System.nanoTime() - collected) / 1_000_000);
  }
}
