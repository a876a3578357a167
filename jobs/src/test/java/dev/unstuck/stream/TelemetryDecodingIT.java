package dev.unstuck.stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.wire.Codecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The job's decode and stateful functions on a static DataFrame of Kafka-shaped rows (no broker).
 */
class TelemetryDecodingIT {
  private static final StructType KAFKA_ROWS =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType);

  private static Dataset<Row> kafkaRows(SparkSession spark, List<byte[]> values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(
          RowFactory.create(
              ("k" + i).getBytes(StandardCharsets.UTF_8), values.get(i), "t", 0, (long) i));
    }
    return spark.createDataFrame(rows, KAFKA_ROWS);
  }

  static byte[] foreignSchemaMessage() {
    Schema other = SchemaBuilder.record("Other").fields().requiredInt("x").endRecord();
    GenericRecord record = new GenericData.Record(other);
    record.put("x", 1);
    try {
      var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), other).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] corruptMessage() {
    byte[] good = Codecs.TELEMETRY.encode(SweepFixture.standard("c").records.get(3));
    byte[] bad = Arrays.copyOf(good, 14); // the right header, a truncated body
    bad[10] = (byte) 0xFF;
    return bad;
  }

  @Test
  void expectedHeaderIsTheMarkerAndTheSchemaFingerprint() {
    byte[] message = Codecs.TELEMETRY.encode(SweepFixture.standard("h").records.get(0));
    assertThat(Arrays.copyOf(message, 10)).isEqualTo(TelemetryDecoding.expectedHeader());
  }

  @Test
  void decodesTelemetryAndSaysWhyTheRestIsUnusable() {
    SparkSession spark = StreamTestSpark.get();
    List<EpochTelemetry> records = SweepFixture.standard("d").records.subList(0, 5);
    List<byte[]> values = new ArrayList<>();
    records.forEach(r -> values.add(Codecs.TELEMETRY.encode(r)));
    values.add("{\"runId\":\"json\"}".getBytes(StandardCharsets.UTF_8));
    values.add(new byte[0]);
    values.add(foreignSchemaMessage());
    values.add(corruptMessage());
    values.add(
        Codecs.TELEMETRY.encode(EpochTelemetry.newBuilder(records.get(1)).setRunId("").build()));
    // a '/' would blur the <execution>/<sweep> key of the diagnosis state
    values.add(
        Codecs.TELEMETRY.encode(
            EpochTelemetry.newBuilder(records.get(1)).setExecutionId("a/b").build()));
    values.add(
        Codecs.TELEMETRY.encode(
            EpochTelemetry.newBuilder(records.get(1)).setSweepId("d/e").build()));

    List<Row> decoded = TelemetryDecoding.decode(kafkaRows(spark, values)).collectAsList();

    Map<String, Long> reasons =
        decoded.stream()
            .filter(r -> r.getAs(TelemetryDecoding.DEAD_LETTER_REASON) != null)
            .collect(
                Collectors.groupingBy(
                    r -> r.<String>getAs(TelemetryDecoding.DEAD_LETTER_REASON),
                    Collectors.counting()));
    assertThat(reasons)
        .containsOnly(
            Map.entry("NOT_SINGLE_OBJECT", 2L),
            Map.entry("UNKNOWN_SCHEMA", 1L),
            Map.entry("CORRUPT", 1L),
            Map.entry("INVALID", 3L));
    List<Row> good =
        decoded.stream().filter(r -> r.getAs(TelemetryDecoding.TELEMETRY) != null).toList();
    assertThat(good).hasSize(5);
    Row first = good.get(0).getAs(TelemetryDecoding.TELEMETRY);
    assertThat(first.<String>getAs("runId")).isEqualTo(records.get(0).getRunId());
    assertThat(first.<String>getAs("status")).isEqualTo(records.get(0).getStatus().name());
  }

  @Test
  void decodingOnlyTheFieldsAQueryReadsGivesWhatDecodingThemAllGives() {
    SparkSession spark = StreamTestSpark.get();
    List<EpochTelemetry> records = SweepFixture.standard("p").records;
    List<byte[]> values = new ArrayList<>();
    records.forEach(r -> values.add(Codecs.TELEMETRY.encode(r)));
    values.add(ReleaseProducer.published("EpochTelemetry", 1).encode(records.get(4)));
    values.add(ReleaseProducer.published("EpochTelemetry", 2).encode(records.get(5)));
    values.add(foreignSchemaMessage());
    values.add(corruptMessage());
    values.add(
        Codecs.TELEMETRY.encode(EpochTelemetry.newBuilder(records.get(1)).setRunId("").build()));
    Dataset<Row> rows = kafkaRows(spark, values);
    Column reason = col(TelemetryDecoding.DEAD_LETTER_REASON);

    Dataset<Row> ingestProjected =
        TelemetryDecoding.decode(rows, EpochRows.FIELDS).orderBy("offset");
    List<Row> ingestFull =
        TelemetryDecoding.decode(rows)
            .orderBy("offset")
            .select(ingestColumns(reason))
            .collectAsList();
    List<Row> identity =
        TelemetryDecoding.decode(rows, TelemetryDecoding.IDENTITY)
            .orderBy("offset")
            .select(reason, col("telemetry.sweepId"), col("telemetry.executionId"))
            .collectAsList();

    assertThat(ingestProjected.select(ingestColumns(reason)).collectAsList())
        .containsExactlyElementsOf(ingestFull);
    assertThat(identity)
        .containsExactlyElementsOf(
            TelemetryDecoding.decode(rows)
                .orderBy("offset")
                .select(reason, col("telemetry.sweepId"), col("telemetry.executionId"))
                .collectAsList());
    assertThat(ingestFull).hasSize(values.size());
    assertThat(ingestFull.stream().filter(r -> !r.isNullAt(0)).map(r -> r.getString(0)))
        .containsExactly(
            TelemetryDecoding.UNKNOWN_SCHEMA, TelemetryDecoding.CORRUPT, TelemetryDecoding.INVALID);
    StructType projected =
        (StructType) ingestProjected.schema().apply(TelemetryDecoding.TELEMETRY).dataType();
    assertThat(projected.fieldNames())
        .as("the per-layer arrays are skipped, not decoded")
        .doesNotContain("layers", "classLabels", "valPerClassRecall")
        .containsAll(EpochRows.FIELDS);
  }

  private static Column[] ingestColumns(Column reason) {
    List<Column> columns = new ArrayList<>(List.of(reason));
    columns.addAll(Arrays.asList(EpochRows.columns()));
    return columns.toArray(Column[]::new);
  }

  @Test
  void readsEveryPublishedTelemetryVersionIntoTheCurrentSchema() {
    SparkSession spark = StreamTestSpark.get();
    EpochTelemetry today =
        EpochTelemetry.newBuilder(SweepFixture.standard("v").records.get(3))
            .setPlannedSeeds(2)
            .setTrainingMode("data")
            .setWorkers(2)
            .setGlobalBatchSize(64)
            .build();
    ReleaseProducer next =
        ReleaseProducer.withSchema(
            ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"));
    List<byte[]> values =
        List.of(
            ReleaseProducer.published("EpochTelemetry", 1).encode(today),
            ReleaseProducer.published("EpochTelemetry", 2).encode(today),
            Codecs.TELEMETRY.encode(today),
            next.encode(today));

    List<Row> decoded =
        TelemetryDecoding.decode(kafkaRows(spark, values)).orderBy("offset").collectAsList();

    Row v1 = decoded.get(0).getAs(TelemetryDecoding.TELEMETRY);
    Row v2 = decoded.get(1).getAs(TelemetryDecoding.TELEMETRY);
    Row v3 = decoded.get(2).getAs(TelemetryDecoding.TELEMETRY);
    for (Row r : List.of(v1, v2, v3)) {
      assertThat(r.<String>getAs("runId")).isEqualTo(today.getRunId());
      assertThat(r.<Integer>getAs("epoch")).isEqualTo(today.getEpoch());
      assertThat(r.<Double>getAs("valBalancedAccuracy")).isEqualTo(today.getValBalancedAccuracy());
      assertThat(r.getList(r.fieldIndex("layers"))).hasSameSizeAs(today.getLayers());
    }
    assertThat(v1.<Integer>getAs("plannedSeeds"))
        .as("v1 had no plannedSeeds: its default")
        .isZero();
    assertThat(v1.<String>getAs("trainingMode")).isNull();
    assertThat(v2.<Integer>getAs("plannedSeeds")).isEqualTo(2);
    assertThat(v2.<String>getAs("trainingMode")).as("v2 had no trainingMode: its default").isNull();
    assertThat(v2.<Integer>getAs("workers")).isNull();
    assertThat(v3.<String>getAs("trainingMode")).isEqualTo("data");
    assertThat(v3.<Integer>getAs("globalBatchSize")).isEqualTo(64);
    assertThat(decoded.subList(0, 3))
        .allMatch(r -> r.getAs(TelemetryDecoding.DEAD_LETTER_REASON) == null);
    assertThat(decoded.get(3).<String>getAs(TelemetryDecoding.DEAD_LETTER_REASON))
        .as("a later release's schema")
        .isEqualTo(TelemetryDecoding.UNKNOWN_SCHEMA);
    assertThat(decoded.get(3).<Row>getAs(TelemetryDecoding.TELEMETRY)).isNull();
  }

  @Test
  void theStatefulStepDiagnosesABatchOfTelemetry() throws Exception {
    SparkSession spark = StreamTestSpark.get();
    SweepFixture fixture = SweepFixture.standard("batch");
    List<byte[]> values = new ArrayList<>();
    fixture.records.forEach(r -> values.add(Codecs.TELEMETRY.encode(r)));
    fixture
        .records
        .subList(0, 10)
        .forEach(r -> values.add(Codecs.TELEMETRY.encode(r))); // duplicates
    values.add(corruptMessage());

    List<DiagnosisOutput> out =
        DiagnosisPipeline.diagnose(TelemetryDecoding.decode(kafkaRows(spark, values)), 60_000)
            .collectAsList();

    List<RunDiagnosis> diagnoses = new ArrayList<>();
    List<FixVerdict> verdicts = new ArrayList<>();
    for (DiagnosisOutput o : out) {
      if (o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS)) {
        diagnoses.add(Codecs.RUN_DIAGNOSIS.decode(o.getPayload()));
      } else {
        verdicts.add(Codecs.FIX_VERDICT.decode(o.getPayload()));
      }
    }
    assertThat(diagnoses).hasSize(fixture.byRun.size()).allMatch(RunDiagnosis::getFinalDiagnosis);
    assertThat(verdicts).isNotEmpty().allMatch(FixVerdict::getFinalVerdict);
    assertThat(verdicts)
        .filteredOn(v -> v.getVariantId().equals("lr-x0.1"))
        .allMatch(FixVerdict::getResolved);
  }

  @Test
  void olderReleasesTelemetryIsDiagnosedAsTodaysIs() throws Exception {
    SparkSession spark = StreamTestSpark.get();
    SweepFixture fixture = SweepFixture.standard("mixed");
    List<byte[]> today = new ArrayList<>();
    fixture.records.forEach(r -> today.add(Codecs.TELEMETRY.encode(r)));

    List<String> fromToday = diagnosed(spark, today);
    List<String> fromMixed = diagnosed(spark, SweepRunsTest.mixedReleases(fixture.records));

    assertThat(fromToday).hasSizeGreaterThan(fixture.byRun.size());
    assertThat(fromMixed).isEqualTo(fromToday);
  }

  /**
   * What the stateful step makes of {@code values}: every output decoded, its timestamp cleared,
   * sorted.
   */
  private static List<String> diagnosed(SparkSession spark, List<byte[]> values) throws Exception {
    List<String> out = new ArrayList<>();
    for (DiagnosisOutput o :
        DiagnosisPipeline.diagnose(TelemetryDecoding.decode(kafkaRows(spark, values)), 60_000)
            .collectAsList()) {
      if (o.getKind().equals(DiagnosisOutput.RUN_DIAGNOSIS)) {
        RunDiagnosis d = Codecs.RUN_DIAGNOSIS.decode(o.getPayload());
        d.setTimestampMs(0L);
        out.add(d.toString());
      } else {
        FixVerdict v = Codecs.FIX_VERDICT.decode(o.getPayload());
        v.setTimestampMs(0L);
        out.add(v.toString());
      }
    }
    out.sort(null);
    return out;
  }
}
