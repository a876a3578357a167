package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.wire.WireFormatException.Reason;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericData.EnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/**
 * Schema resolution both ways in time, on records built field by field against the published .avsc
 * files (not through the generated classes): an old producer's record read by today's codec gets
 * today's defaults, today's record read by an old consumer loses only what that consumer never
 * knew.
 */
class SchemaEvolutionTest {

  private static Schema version(String name, int v) {
    return SchemaHistory.of(name).versions().get(v - 1);
  }

  /** A v1 telemetry record (before plannedSeeds and the training-mode fields) with one layer. */
  private static GenericRecord telemetryV1() {
    Schema v1 = version("EpochTelemetry", 1);
    Schema layer = v1.getField("layers").schema().getElementType();
    return new GenericRecordBuilder(v1)
        .set("sweepId", "old")
        .set("runId", "old/baseline/seed-1")
        .set("variantId", "baseline")
        .set("fixFamily", "BASELINE")
        .set("seed", 1)
        .set("epoch", 4)
        .set("totalEpochs", 10)
        .set("timestampMs", 1_700_000_004_000L)
        .set("status", new EnumSymbol(v1.getField("status").schema(), "FINISHED"))
        .set("numClasses", 3)
        .set("valBalancedAccuracy", 0.34)
        .set("trainLoss", 1.1)
        .set(
            "layers",
            List.of(
                new GenericRecordBuilder(layer)
                    .set("index", 0)
                    .set("kind", "dense")
                    .set("activation", "relu")
                    .set("units", 16)
                    .set("deadFraction", 0.25)
                    .build()))
        .build();
  }

  @Test
  void aFirstReleaseTelemetryRecordReadsIntoTodaysSchemaWithDefaults() throws WireFormatException {
    byte[] bytes = ReleaseProducer.published("EpochTelemetry", 1).encodeGeneric(telemetryV1());

    EpochTelemetry read = Codecs.TELEMETRY.decode(bytes);

    assertThat(read.getRunId()).isEqualTo("old/baseline/seed-1");
    assertThat(read.getEpoch()).isEqualTo(4);
    assertThat(read.getStatus()).isEqualTo(RunStatus.FINISHED);
    assertThat(read.getValBalancedAccuracy()).isEqualTo(0.34);
    assertThat(read.getTrainLoss()).isEqualTo(1.1);
    assertThat(read.getLayers())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.getActivation()).isEqualTo("relu");
              assertThat(l.getDeadFraction()).isEqualTo(0.25);
              assertThat(l.getGradientNorm()).isNull();
            });
    // the fields v1 lacked, at today's defaults
    assertThat(read.getPlannedSeeds()).isZero();
    assertThat(read.getTrainingMode()).isNull();
    assertThat(read.getWorkers()).isNull();
    assertThat(read.getGlobalBatchSize()).isNull();
    assertThat(read.getAveragingFrequency()).isNull();
  }

  @Test
  void withoutTheHistoryTheSameRecordIsUnknown() {
    // what the stream job did before the history: every record of another version dead-lettered
    byte[] bytes = ReleaseProducer.published("EpochTelemetry", 1).encodeGeneric(telemetryV1());
    SingleObjectCodec<EpochTelemetry> currentOnly =
        SingleObjectCodec.forSchema(EpochTelemetry.getClassSchema());

    WireFormatException e =
        catchThrowableOfType(WireFormatException.class, () -> currentOnly.decode(bytes));

    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
  }

  @Test
  void aSecondReleaseTelemetryRecordKeepsItsPlannedSeeds() throws WireFormatException {
    Schema v2 = version("EpochTelemetry", 2);
    GenericRecordBuilder builder = new GenericRecordBuilder(v2);
    GenericRecord v1 = telemetryV1();
    v1.getSchema().getFields().forEach(f -> builder.set(f.name(), v1.get(f.name())));
    GenericRecord old =
        builder
            .set("status", new EnumSymbol(v2.getField("status").schema(), "RUNNING"))
            .set("plannedSeeds", 3)
            .build();

    EpochTelemetry read =
        Codecs.TELEMETRY.decode(ReleaseProducer.published("EpochTelemetry", 2).encodeGeneric(old));

    assertThat(read.getPlannedSeeds()).isEqualTo(3);
    assertThat(read.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(read.getTrainingMode()).isNull();
  }

  @Test
  void aFirstReleaseDiagnosisAndVerdictReadWithoutHintsAndImproved() throws WireFormatException {
    Schema diagnosisV1 = version("RunDiagnosis", 1);
    Schema evidence = diagnosisV1.getField("symptoms").schema().getElementType();
    GenericRecord diagnosis =
        new GenericRecordBuilder(diagnosisV1)
            .set("sweepId", "old")
            .set("runId", "old/baseline/seed-1")
            .set("variantId", "baseline")
            .set("fixFamily", "BASELINE")
            .set("seed", 1)
            .set("epoch", 4)
            .set("status", "RUNNING")
            .set(
                "learningState",
                new EnumSymbol(diagnosisV1.getField("learningState").schema(), "NOT_LEARNING"))
            .set(
                "symptoms",
                List.of(
                    new GenericRecordBuilder(evidence)
                        .set("symptom", "NOT_LEARNING")
                        .set("metric", "valBalancedAccuracy")
                        .set("fromEpoch", 1)
                        .set("toEpoch", 4)
                        .set("value", 0.34)
                        .set("threshold", 0.38)
                        .set("explanation", "flat at chance")
                        .build()))
            .build();
    Schema verdictV1 = version("FixVerdict", 1);
    GenericRecord verdict =
        new GenericRecordBuilder(verdictV1)
            .set("sweepId", "old")
            .set("variantId", "lr-x0.1")
            .set("fixFamily", "LEARNING_RATE")
            .set("baselineSymptom", "NOT_LEARNING")
            .set("seeds", 2)
            .set("resolved", true)
            .set("metricDelta", 0.4)
            .build();

    RunDiagnosis readDiagnosis =
        Codecs.RUN_DIAGNOSIS.decode(
            ReleaseProducer.published("RunDiagnosis", 1).encodeGeneric(diagnosis));
    FixVerdict readVerdict =
        Codecs.FIX_VERDICT.decode(
            ReleaseProducer.published("FixVerdict", 1).encodeGeneric(verdict));

    assertThat(readDiagnosis.getLearningState()).isEqualTo(LearningState.NOT_LEARNING);
    assertThat(readDiagnosis.getSymptoms())
        .extracting(SymptomEvidence::getSymptom)
        .containsExactly("NOT_LEARNING");
    assertThat(readDiagnosis.getHints()).isEmpty();
    assertThat(readVerdict.getResolved()).isTrue();
    assertThat(readVerdict.getMetricDelta()).isEqualTo(0.4);
    assertThat(readVerdict.getImproved()).isFalse();
  }

  /**
   * A consumer of published version {@code v} that was handed today's schema (e.g. from today's
   * jar).
   */
  private static GenericRecord readAsVersion(String name, int v, Schema today, byte[] bytes)
      throws Exception {
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(today);
    return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), version(name, v), store)
        .decode(bytes);
  }

  @Test
  void todaysTelemetryIsReadByAFirstReleaseConsumer() throws Exception {
    EpochTelemetry today = SingleObjectCodecTest.fullTelemetry();
    today.setPlannedSeeds(2);
    today.setTrainingMode("data");
    today.setWorkers(2);

    GenericRecord old =
        readAsVersion(
            "EpochTelemetry", 1, EpochTelemetry.getClassSchema(), Codecs.TELEMETRY.encode(today));

    assertThat(old.get("runId")).hasToString(today.getRunId());
    assertThat(old.get("status")).hasToString("DIVERGED");
    assertThat(old.get("valBalancedAccuracy")).isEqualTo(0.5);
    assertThat(((List<?>) old.get("layers"))).hasSize(2);
    assertThat(old.getSchema().getField("plannedSeeds")).isNull();
    assertThat(old.getSchema().getField("trainingMode")).isNull();
  }

  @Test
  void aFailedDiagnosisReadsAsUnknownToAConsumerThatPredatesFailed() throws Exception {
    RunDiagnosis today =
        RunDiagnosis.newBuilder()
            .setSweepId("s")
            .setRunId("s/batchnorm/seed-1")
            .setVariantId("batchnorm")
            .setFixFamily("NORMALISATION")
            .setSeed(1)
            .setEpoch(0)
            .setStatus("FAILED")
            .setLearningState(LearningState.FAILED)
            .setValBalancedAccuracy(null)
            .setSymptoms(List.of())
            .setHints(
                List.of(
                    SymptomEvidence.newBuilder()
                        .setSymptom("UNNORMALISED_INPUT")
                        .setMetric("m")
                        .setFromEpoch(1)
                        .setToEpoch(1)
                        .setValue(250.0)
                        .setThreshold(10.0)
                        .setExplanation("e")
                        .build()))
            .setFinalDiagnosis(true)
            .setTimestampMs(5L)
            .build();
    byte[] bytes = Codecs.RUN_DIAGNOSIS.encode(today);

    GenericRecord first = readAsVersion("RunDiagnosis", 1, RunDiagnosis.getClassSchema(), bytes);
    GenericRecord second = readAsVersion("RunDiagnosis", 2, RunDiagnosis.getClassSchema(), bytes);

    // v1's LearningState has no FAILED: the enum's declared default stands in
    assertThat(first.get("learningState")).hasToString("UNKNOWN");
    assertThat(first.get("status")).hasToString("FAILED");
    assertThat(first.get("finalDiagnosis")).isEqualTo(true);
    assertThat(second.get("learningState")).hasToString("FAILED");
    assertThat(second.getSchema().getField("hints")).isNull();
  }

  @Test
  void todaysVerdictIsReadByAFirstReleaseConsumer() throws Exception {
    FixVerdict today = SingleObjectCodecTest.fixVerdict();
    today.setImproved(true);

    GenericRecord old =
        readAsVersion(
            "FixVerdict", 1, FixVerdict.getClassSchema(), Codecs.FIX_VERDICT.encode(today));

    assertThat(old.get("variantId")).hasToString("lr-x0.1");
    assertThat(old.get("resolved")).isEqualTo(today.getResolved());
    assertThat(old.get("seeds")).isEqualTo(today.getSeeds());
    assertThat(old.getSchema().getField("improved")).isNull();
  }

  @Test
  void aFutureReleasesRecordIsUnknownSchemaNotAFailure() {
    ReleaseProducer next =
        ReleaseProducer.withSchema(
            ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "producerHost"));
    GenericRecord record = next.narrow(SingleObjectCodecTest.fullTelemetry());
    record.put("producerHost", "e-42");
    byte[] bytes = next.encodeGeneric(record);

    WireFormatException e =
        catchThrowableOfType(WireFormatException.class, () -> Codecs.TELEMETRY.decode(bytes));

    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
    assertThat(e.getMessage()).contains("published EpochTelemetry schemas");
  }
}
