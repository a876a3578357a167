package dev.unstuck.stream;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.SchemaProjection;
import dev.unstuck.wire.SingleObjectCodec;
import dev.unstuck.wire.WireFormatException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Kafka rows to telemetry: checks the Avro single-object header (marker C3 01 and the fingerprint
 * of one of EpochTelemetry's published schemas), decodes the body with Spark's {@code from_avro}
 * from that writer schema into the current one (Avro schema resolution: a field an older producer
 * did not write takes its default) and says why a message is unusable.
 *
 * <p>{@link #decode} adds two columns to the Kafka rows: {@value #TELEMETRY} (the EpochTelemetry
 * struct in the current schema, null when unusable) and {@value #DEAD_LETTER_REASON} (null when
 * usable, else one of {@link #NOT_SINGLE_OBJECT}, {@link #UNKNOWN_SCHEMA}, {@link #CORRUPT}, {@link
 * #INVALID}).
 */
public final class TelemetryDecoding {
  public static final String TELEMETRY = "telemetry";
  public static final String DEAD_LETTER_REASON = "dead_letter_reason";

  /** Too short, or without the single-object marker: JSON text, a string, another encoding. */
  public static final String NOT_SINGLE_OBJECT = Reason.NOT_SINGLE_OBJECT.name();

  /**
   * Single-object Avro of a schema outside EpochTelemetry's published history: a foreign record, or
   * a newer release's telemetry (replay it from the dead-letter topic once this job knows that
   * schema).
   */
  public static final String UNKNOWN_SCHEMA = Reason.UNKNOWN_SCHEMA.name();

  /** The right header, an unreadable body. */
  public static final String CORRUPT = Reason.CORRUPT.name();

  /**
   * Decodes, but cannot be placed: empty sweep or run id, negative epoch, or a '/' in the sweep or
   * execution id (it would blur the {@code <execution>/<sweep>} key of the diagnosis state, {@code
   * wire/RecordKeys}).
   */
  public static final String INVALID = "INVALID";

  private static final byte[] MARKER = {(byte) 0xC3, 0x01};

  private TelemetryDecoding() {}

  /**
   * The 10 bytes every EpochTelemetry message this release writes starts with: C3 01 and its
   * fingerprint.
   */
  public static byte[] expectedHeader() {
    return headerOf(Codecs.TELEMETRY.fingerprint());
  }

  /** C3 01 and {@code fingerprint}, little-endian. */
  static byte[] headerOf(long fingerprint) {
    ByteBuffer header =
        ByteBuffer.allocate(SingleObjectCodec.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MARKER).putLong(fingerprint);
    return header.array();
  }

  private static List<String> fieldNames(Schema record) {
    return record.getFields().stream().map(Schema.Field::name).toList();
  }

  /**
   * The fields every decoding reads: what places a record ({@link #INVALID}, {@link #CORRUPT}) and
   * groups it by execution of its sweep.
   */
  public static final List<String> IDENTITY = List.of("sweepId", "executionId", "runId", "epoch");

  /**
   * Kafka rows (at least a binary {@code value}) with {@value #TELEMETRY} and {@value
   * #DEAD_LETTER_REASON} added; {@value #TELEMETRY} holds every field of the current schema.
   */
  public static Dataset<Row> decode(Dataset<Row> kafkaRows) {
    return decode(kafkaRows, fieldNames(Codecs.TELEMETRY.schema()));
  }

  /**
   * As {@link #decode(Dataset)}, with {@value #TELEMETRY} holding only {@code fields} and {@link
   * #IDENTITY}: the other fields of each record are skipped, not built. Decoding every field of
   * every record (per-layer arrays, class labels) was the stream job's largest cost, and neither
   * query reads them all.
   */
  public static Dataset<Row> decode(Dataset<Row> kafkaRows, Collection<String> fields) {
    Set<String> kept = new LinkedHashSet<>(IDENTITY);
    kept.addAll(fields);
    Schema reader = SchemaProjection.of(Codecs.TELEMETRY.schema(), kept);
    int headerLength = SingleObjectCodec.HEADER_LENGTH;
    Column value = col("value");
    Column header = value.substr(1, headerLength);
    Column body =
        expr("substring(value, " + (headerLength + 1) + ", length(value) - " + headerLength + ")");
    // PERMISSIVE: an unreadable body gives a struct of nulls instead of failing the query; a
    // required field tells.
    Map<String, String> readAsCurrent =
        Map.of("mode", "PERMISSIVE", "avroSchema", reader.toString());
    Column knownSchema = lit(false);
    Column decoded = null;
    for (Map.Entry<Long, Schema> writer : Codecs.TELEMETRY.writerSchemas().entrySet()) {
      Column written = header.equalTo(lit(headerOf(writer.getKey())));
      Column read = from_avro(body, writer.getValue().toString(), readAsCurrent);
      knownSchema = knownSchema.or(written);
      decoded = decoded == null ? when(written, read) : decoded.when(written, read);
    }
    Column reason =
        when(
                value
                    .isNull()
                    .or(length(value).lt(headerLength))
                    .or(value.substr(1, 2).notEqual(lit(MARKER))),
                lit(NOT_SINGLE_OBJECT))
            .when(knownSchema.unary_$bang(), lit(UNKNOWN_SCHEMA))
            .when(
                col("decoded.runId")
                    .isNull()
                    .or(col("decoded.sweepId").isNull())
                    .or(col("decoded.epoch").isNull()),
                lit(CORRUPT))
            .when(
                col("decoded.runId")
                    .equalTo("")
                    .or(col("decoded.sweepId").equalTo(""))
                    .or(col("decoded.epoch").lt(0))
                    .or(col("decoded.sweepId").contains("/"))
                    .or(col("decoded.executionId").contains("/")),
                lit(INVALID));
    return kafkaRows
        .withColumn("decoded", decoded)
        .withColumn(DEAD_LETTER_REASON, reason)
        .withColumn(TELEMETRY, when(col(DEAD_LETTER_REASON).isNull(), col("decoded")))
        .drop("decoded");
  }
}
