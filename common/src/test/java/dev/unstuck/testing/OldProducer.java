package dev.unstuck.testing;

import dev.unstuck.wire.SchemaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A producer of an earlier release: writes a record as one of its type's published schema versions, single-object
 * encoded with that version's fingerprint, exactly as that release's codec did. The record is first narrowed to
 * the old version (fields the old schema lacks are dropped; an enum symbol it lacks becomes its enum default).
 *
 * <pre>{@code
 * byte[] v1 = OldProducer.of("EpochTelemetry", 1).encode(record);
 * }</pre>
 */
public final class OldProducer {
  private final Schema writer;

  private OldProducer(Schema writer) {
    this.writer = writer;
  }

  /** The producer of published version {@code version} (1-based) of {@code recordName}. */
  public static OldProducer of(String recordName, int version) {
    return new OldProducer(SchemaHistory.of(recordName).versions().get(version - 1));
  }

  /** A producer writing {@code writer}, e.g. a schema a later release may publish. */
  public static OldProducer withSchema(Schema writer) {
    return new OldProducer(writer);
  }

  public Schema schema() {
    return writer;
  }

  /** {@code record} (of the current generated class) as this version's producer wrote it. */
  public byte[] encode(SpecificRecord record) {
    return encode(narrow(record));
  }

  /** A record already of this version's schema, single-object encoded. */
  public byte[] encode(GenericRecord old) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code record} as a generic record of this version's schema (Avro resolution, today's schema as the writer);
   * a field only this version has takes its default.
   */
  public GenericRecord narrow(SpecificRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(record.getSchema(), writer)
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
