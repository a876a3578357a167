package dev.unstuck.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The wire format of every Unstuck topic: Avro single-object encoding (marker C3 01, the writer
 * schema's 8-byte CRC-64-AVRO fingerprint little-endian, then the Avro binary body).
 * Self-describing without a schema registry: the fingerprint names the writer schema, and the codec
 * keeps a store of every schema the record type was ever published with ({@link SchemaHistory}), so
 * a record written by any release is read into the current schema by Avro schema resolution (fields
 * it lacks take their defaults, fields it has that are gone are skipped). A fingerprint outside the
 * history (a newer release's schema, or another record type) is {@link
 * WireFormatException.Reason#UNKNOWN_SCHEMA}. Spark reads a body with {@code
 * from_avro(substring(value, 11, length(value) - 10), writerSchema, {avroSchema: currentSchema})}.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
  /** Marker (2 bytes) plus fingerprint (8 bytes). */
  public static final int HEADER_LENGTH = 10;

  private final Schema schema;
  private final long fingerprint;
  private final Map<Long, Schema> writers;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private SingleObjectCodec(Schema schema, Iterable<Schema> historical) {
    this.schema = schema;
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    Map<Long, Schema> known = new LinkedHashMap<>();
    for (Schema writer : historical) {
      known.putIfAbsent(SchemaNormalization.parsingFingerprint64(writer), writer);
    }
    known.putIfAbsent(fingerprint, schema);
    this.writers = Collections.unmodifiableMap(known);
    SchemaStore.Cache store = new SchemaStore.Cache();
    known.values().forEach(store::addSchema);
    this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
    this.decoder = new BinaryMessageDecoder<>(fastReading(), schema, store);
  }

  /**
   * Avro's fast reader: it plans each (writer, reader) schema pair once instead of interpreting the
   * resolution grammar field by field, which halves the diagnosis state's cost of reading telemetry
   * (measured: {@code deploy/bench/stream-bench.sh --state-only}). Avro 1.11 has it off unless the
   * JVM-wide {@value GenericData#FAST_READER_PROP} property is set; this codec's own model turns it
   * on for its readers only.
   */
  private static SpecificData fastReading() {
    SpecificData data = new SpecificData();
    data.setFastReaderEnabled(true);
    return data;
  }

  /** A codec that writes and reads {@code schema} only: no other writer schema is known. */
  public static <T extends SpecificRecord> SingleObjectCodec<T> forSchema(Schema schema) {
    return new SingleObjectCodec<>(schema, List.of());
  }

  /**
   * A codec that writes {@code schema} and reads records of it and of every version in {@code
   * history}, each resolved into {@code schema}.
   */
  public static <T extends SpecificRecord> SingleObjectCodec<T> withHistory(
      Schema schema, SchemaHistory history) {
    return new SingleObjectCodec<>(schema, history.versions());
  }

  /** The schema records are written with and read into. */
  public Schema schema() {
    return schema;
  }

  /** The schema's fingerprint as the header of every record this codec writes carries it. */
  public long fingerprint() {
    return fingerprint;
  }

  /** Every writer schema this codec reads, by fingerprint (the current one included). */
  public Map<Long, Schema> writerSchemas() {
    return writers;
  }

  /** True when a record whose header carries {@code fingerprint} can be read. */
  public boolean knows(long fingerprint) {
    return writers.containsKey(fingerprint);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + schema.getName(), e);
    }
  }

  public T decode(byte[] bytes) throws WireFormatException {
    if (bytes == null
        || bytes.length < HEADER_LENGTH
        || bytes[0] != (byte) 0xC3
        || bytes[1] != (byte) 0x01) {
      throw new WireFormatException(
          WireFormatException.Reason.NOT_SINGLE_OBJECT,
          "no Avro single-object header ("
              + (bytes == null ? "null" : bytes.length + " bytes")
              + ")",
          null);
    }
    long found = fingerprintOf(bytes);
    if (!knows(found)) {
      throw new WireFormatException(
          WireFormatException.Reason.UNKNOWN_SCHEMA,
          String.format(
              "fingerprint %016x is none of the %d published %s schemas (a newer release, or another"
                  + " record type)",
              found, writers.size(), schema.getName()),
          null);
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException | MissingSchemaException e) {
      throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA, e.getMessage(), e);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new WireFormatException(
          WireFormatException.Reason.CORRUPT, schema.getName() + " body unreadable: " + e, e);
    }
  }

  /** The fingerprint a single-object message carries (bytes 2..9, little-endian). */
  public static long fingerprintOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
