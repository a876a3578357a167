package dev.unstuck.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The wire format of every Unstuck topic: Avro single-object encoding (marker C3 01, the schema's 8-byte
 * CRC-64-AVRO fingerprint little-endian, then the Avro binary body). Self-describing without a schema registry;
 * Spark reads it with {@code from_avro(substring(value, 11, length(value) - 10), schema)}.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
  /** Marker (2 bytes) plus fingerprint (8 bytes). */
  public static final int HEADER_LENGTH = 10;

  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private SingleObjectCodec(Schema schema) {
    this.schema = schema;
    this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
    this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
  }

  public static <T extends SpecificRecord> SingleObjectCodec<T> forSchema(Schema schema) {
    return new SingleObjectCodec<>(schema);
  }

  public Schema schema() {
    return schema;
  }

  /** The schema's fingerprint as the header carries it. */
  public long fingerprint() {
    return SchemaNormalization.parsingFingerprint64(schema);
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
    if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new WireFormatException(WireFormatException.Reason.NOT_SINGLE_OBJECT,
          "no Avro single-object header (" + (bytes == null ? "null" : bytes.length + " bytes") + ")", null);
    }
    long found = fingerprintOf(bytes);
    if (found != fingerprint()) {
      throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA,
          String.format("fingerprint %016x is not %s's %016x", found, schema.getName(), fingerprint()), null);
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException | MissingSchemaException e) {
      throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA, e.getMessage(), e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new WireFormatException(WireFormatException.Reason.CORRUPT,
          schema.getName() + " body unreadable: " + e, e);
    }
  }

  /** The fingerprint a single-object message carries (bytes 2..9, little-endian). */
  public static long fingerprintOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
