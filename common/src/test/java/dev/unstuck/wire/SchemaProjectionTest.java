package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.testing.ReleaseProducer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class SchemaProjectionTest {

  /** The Avro body of a single-object message, read by plain Avro from writer into reader. */
  private static GenericRecord read(byte[] message, Schema writer, Schema reader)
      throws IOException {
    byte[] body = Arrays.copyOfRange(message, SingleObjectCodec.HEADER_LENGTH, message.length);
    return new GenericDatumReader<GenericRecord>(writer, reader)
        .read(null, DecoderFactory.get().binaryDecoder(body, null));
  }

  @Test
  void aProjectedRecordHoldsExactlyTheKeptFieldsWithTheWrittenValues() throws IOException {
    EpochTelemetry full = SingleObjectCodecTest.fullTelemetry();
    Schema current = EpochTelemetry.getClassSchema();
    // fields on both sides of the per-layer array, so skipping it must leave the decoder in place
    Schema projection =
        SchemaProjection.of(current, List.of("runId", "epoch", "valLoss", "workers"));

    GenericRecord read = read(Codecs.TELEMETRY.encode(full), current, projection);

    assertThat(projection.getFields())
        .extracting(Schema.Field::name)
        .containsExactly("runId", "epoch", "valLoss", "workers");
    assertThat(projection.getFullName()).isEqualTo(current.getFullName());
    assertThat(read.get("runId")).hasToString(full.getRunId());
    assertThat(read.get("epoch")).isEqualTo(full.getEpoch());
    assertThat(read.get("valLoss")).isEqualTo(full.getValLoss());
    assertThat(read.get("workers")).isEqualTo(full.getWorkers());
    assertThat(full.getLayers()).isNotEmpty();
  }

  @Test
  void aFieldTheWriterLackedTakesItsDefault() throws IOException {
    Schema v1 = SchemaHistory.of("EpochTelemetry").versions().get(0);
    assertThat(v1.getField("executionId")).isNull();
    EpochTelemetry full = SingleObjectCodecTest.fullTelemetry();
    GenericRecord asV1 =
        new GenericRecordBuilder(v1)
            .set("sweepId", full.getSweepId())
            .set("runId", full.getRunId())
            .set("variantId", "baseline")
            .set("fixFamily", "BASELINE")
            .set("seed", 1)
            .set("epoch", 3)
            .set("totalEpochs", 10)
            .set("timestampMs", 1L)
            .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "RUNNING"))
            .set("numClasses", 2)
            .build();
    byte[] message = ReleaseProducer.published("EpochTelemetry", 1).encodeGeneric(asV1);
    Schema projection =
        SchemaProjection.of(
            EpochTelemetry.getClassSchema(), List.of("sweepId", "executionId", "epoch"));

    GenericRecord read = read(message, v1, projection);

    assertThat(read.get("sweepId")).hasToString(full.getSweepId());
    assertThat(read.get("executionId")).hasToString("");
    assertThat(read.get("epoch")).isEqualTo(3);
  }

  @Test
  void aNameThatIsNoFieldIsNamed() {
    assertThatThrownBy(
            () -> SchemaProjection.of(EpochTelemetry.getClassSchema(), List.of("epoch", "epochs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not fields of dev.unstuck.avro.EpochTelemetry: epochs");
  }
}
