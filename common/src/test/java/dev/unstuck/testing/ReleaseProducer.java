package dev.unstuck.testing;

import dev.unstuck.wire.SchemaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * A producer of another release: writes a record as one of its type's published schema versions (or
 * as a schema a later release may publish), single-object encoded with that schema's fingerprint,
 * as that release's codec did. The record is first converted to that schema by Avro resolution
 * (fields it lacks are dropped, fields only it has take their defaults, an enum symbol it lacks
 * becomes its enum default).
 *
 * <pre>{@code
 * byte[] v1 = ReleaseProducer.published("EpochTelemetry", 1).encode(record);
 * byte[] next = ReleaseProducer.withSchema(ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"))
 *     .encode(record);
 * }</pre>
 */
public final class ReleaseProducer {
  private final Schema writer;

  private ReleaseProducer(Schema writer) {
    this.writer = writer;
  }

  /** The producer of published version {@code version} (1-based) of {@code recordName}. */
  public static ReleaseProducer published(String recordName, int version) {
    return new ReleaseProducer(SchemaHistory.of(recordName).versions().get(version - 1));
  }

  /**
   * {@code today} with string fields {@code names} (default "") appended: a schema a later release
   * may publish, one no reader of this release knows.
   */
  public static Schema adding(Schema today, String... names) {
    List<Schema.Field> fields = new ArrayList<>();
    today.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    for (String name : names) {
      fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, ""));
    }
    return Schema.createRecord(today.getName(), null, today.getNamespace(), false, fields);
  }

  /** A producer writing {@code writer}, e.g. a schema a later release may publish. */
  public static ReleaseProducer withSchema(Schema writer) {
    return new ReleaseProducer(writer);
  }

  public Schema schema() {
    return writer;
  }

  /** {@code record} (of the current generated class) as this version's producer wrote it. */
  public byte[] encode(SpecificRecord record) {
    return encodeGeneric(narrow(record));
  }

  /** A record already of this version's schema, single-object encoded. */
  public byte[] encodeGeneric(GenericRecord old) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code record} as a generic record of this version's schema (Avro resolution, today's schema as
   * the writer); a field only this version has takes its default.
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
