package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.NonFiniteCounts;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.Judgement;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.wire.WireFormatException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

  /** Every field set, two nested layers, a NaN loss. */
  static EpochTelemetry fullTelemetry() {
    return EpochTelemetry.newBuilder()
        .setSweepId("churn-baseline")
        .setRunId("churn-baseline/lr-x0.1/seed-2")
        .setVariantId("lr-x0.1")
        .setFixFamily("LEARNING_RATE")
        .setFixParams(Map.of("learningRate", "x0.1"))
        .setSeed(2)
        .setEpoch(7)
        .setTotalEpochs(30)
        .setTimestampMs(1_700_000_123_456L)
        .setEpochWallTimeMs(812)
        .setStatus(RunStatus.DIVERGED)
        .setErrorMessage("loss is NaN")
        .setNumClasses(2)
        .setTrainExamples(6400)
        .setLearningRate(0.05)
        .setTrainLoss(Double.NaN)
        .setValLoss(Double.POSITIVE_INFINITY)
        .setTrainAccuracy(0.61)
        .setTrainBalancedAccuracy(0.55)
        .setValAccuracy(0.6)
        .setValBalancedAccuracy(0.5)
        .setValMacroF1(0.4)
        .setValPerClassRecall(List.of(1.0, 0.0))
        .setClassLabels(List.of("no", "yes"))
        .setMajorityClassRate(0.8)
        .setLayers(
            List.of(
                LayerStats.newBuilder()
                    .setIndex(0)
                    .setKind("dense")
                    .setActivation("sigmoid")
                    .setUnits(64)
                    .setGradientNorm(1e-6)
                    .setMeanAbsGradient(1e-8)
                    .setUpdateRatio(1e-4)
                    .setWeightMean(0.01)
                    .setWeightStd(1.0)
                    .setDeadFraction(null)
                    .setSaturatedFraction(0.9)
                    .build(),
                LayerStats.newBuilder()
                    .setIndex(1)
                    .setKind("output")
                    .setActivation("softmax")
                    .setUnits(2)
                    .setGradientNorm(0.1)
                    .build()))
        .setNonFinite(
            NonFiniteCounts.newBuilder()
                .setLoss(1)
                .setGradients(12)
                .setParameters(34)
                .setInputs(5)
                .build())
        .setMaxAbsFeatureMean(250.0)
        .setMaxFeatureStd(1000.0)
        .build();
  }

  private static Judgement judgement() {
    List<RunHistory> baseline = List.of(new RunHistory(1, Curves.flatAtChance().build()));
    List<RunHistory> fix = List.of(new RunHistory(1, Curves.healthy().build()));
    return new FixJudge(Thresholds.DEFAULTS).judge(baseline, fix).orElseThrow();
  }

  static FixVerdict fixVerdict() {
    return DiagnosisMapper.toAvro(
            new DiagnosisMapper.FixRef(
                "churn-baseline",
                "20261130T044512Z-3fa2c1",
                "lr-x0.1",
                "LEARNING_RATE",
                Map.of("learningRate", "x0.1")),
            judgement(),
            42L)
        .get(0);
  }

  private static WireFormatException failure(SingleObjectCodec<?> codec, byte[] bytes) {
    WireFormatException e =
        catchThrowableOfType(WireFormatException.class, () -> codec.decode(bytes));
    assertThat(e).as("decoding must fail").isNotNull();
    assertThat(e.getMessage()).startsWith(e.reason() + ": ");
    return e;
  }

  @Test
  void telemetryRoundTripsWithEveryFieldAndNaN() throws WireFormatException {
    EpochTelemetry record = fullTelemetry();

    EpochTelemetry decoded = Codecs.TELEMETRY.decode(Codecs.TELEMETRY.encode(record));

    assertThat(decoded).isEqualTo(record);
    assertThat(decoded.getTrainLoss()).isNaN();
    assertThat(decoded.getValLoss()).isInfinite();
    assertThat(decoded.getLayers()).hasSize(2);
    assertThat(decoded.getLayers().get(0).getSaturatedFraction()).isEqualTo(0.9);
    assertThat(decoded.getLayers().get(0).getDeadFraction()).isNull();
    assertThat(decoded.getLayers().get(1).getMeanAbsGradient()).isNull();
    assertThat(decoded.getNonFinite().getParameters()).isEqualTo(34);
    assertThat(decoded.getFixParams()).containsEntry("learningRate", "x0.1");
    assertThat(decoded.getErrorMessage()).isEqualTo("loss is NaN");
  }

  @Test
  void syntheticRunsRoundTrip() throws WireFormatException {
    Telemetry run = Telemetry.run("s", "baseline", "BASELINE", 1);
    for (EpochTelemetry record : run.records(Curves.nanDivergence(3).build())) {
      assertThat(Codecs.TELEMETRY.decode(Codecs.TELEMETRY.encode(record))).isEqualTo(record);
    }
  }

  @Test
  void theHeaderIsTheSingleObjectMarkerAndFingerprint() {
    byte[] bytes = Codecs.TELEMETRY.encode(fullTelemetry());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(SingleObjectCodec.fingerprintOf(bytes))
        .isEqualTo(Codecs.TELEMETRY.fingerprint())
        .isEqualTo(SchemaNormalization.parsingFingerprint64(EpochTelemetry.getClassSchema()));
  }

  @Test
  void theBodyAfterTheHeaderIsPlainAvroBinary() throws IOException {
    // what Spark's from_avro(substring(value, 11, length(value) - 10), schema) reads
    EpochTelemetry record = fullTelemetry();
    byte[] bytes = Codecs.TELEMETRY.encode(record);
    byte[] body = Arrays.copyOfRange(bytes, SingleObjectCodec.HEADER_LENGTH, bytes.length);

    EpochTelemetry decoded =
        new SpecificDatumReader<>(EpochTelemetry.class)
            .read(null, DecoderFactory.get().binaryDecoder(body, null));

    assertThat(decoded).isEqualTo(record);
  }

  @Test
  void runDiagnosisRoundTrips() throws WireFormatException {
    RunDiagnosis record =
        DiagnosisMapper.toAvro(
            new DiagnosisMapper.RunRef("s", "", "s/baseline/seed-1", "baseline", "BASELINE", 1),
            new RunDiagnoser(Thresholds.DEFAULTS).diagnose(Curves.nanDivergence(4).build()),
            99L);

    RunDiagnosis decoded = Codecs.RUN_DIAGNOSIS.decode(Codecs.RUN_DIAGNOSIS.encode(record));

    assertThat(decoded).isEqualTo(record);
    assertThat(decoded.getSymptoms()).hasSize(1);
    assertThat(decoded.getSymptoms().get(0).getValue()).isEqualTo(301.0);
  }

  @Test
  void fixVerdictRoundTrips() throws WireFormatException {
    FixVerdict record = fixVerdict();

    assertThat(Codecs.FIX_VERDICT.decode(Codecs.FIX_VERDICT.encode(record))).isEqualTo(record);
  }

  @Test
  void aCorruptBodyIsCorrupt() {
    byte[] bytes = Codecs.TELEMETRY.encode(fullTelemetry());
    // the first field is the sweepId string; zig-zag 0x01 is its length -1
    bytes[SingleObjectCodec.HEADER_LENGTH] = 0x01;

    WireFormatException e = failure(Codecs.TELEMETRY, bytes);

    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void aTruncatedBodyIsCorrupt() {
    byte[] bytes = Codecs.TELEMETRY.encode(fullTelemetry());

    assertThat(failure(Codecs.TELEMETRY, Arrays.copyOf(bytes, bytes.length / 2)).reason())
        .isEqualTo(Reason.CORRUPT);
    assertThat(
            failure(Codecs.TELEMETRY, Arrays.copyOf(bytes, SingleObjectCodec.HEADER_LENGTH))
                .reason())
        .as("header only")
        .isEqualTo(Reason.CORRUPT);
  }

  @Test
  void tooShortForAHeaderIsNotSingleObject() {
    byte[] bytes = Codecs.TELEMETRY.encode(fullTelemetry());

    assertThat(failure(Codecs.TELEMETRY, Arrays.copyOf(bytes, 5)).reason())
        .isEqualTo(Reason.NOT_SINGLE_OBJECT);
    assertThat(failure(Codecs.TELEMETRY, new byte[0]).reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
    assertThat(failure(Codecs.TELEMETRY, null).reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
  }

  @Test
  void jsonTextIsNotSingleObject() {
    byte[] json =
        "{\"sweepId\": \"churn-baseline\", \"epoch\": 3}".getBytes(StandardCharsets.UTF_8);

    assertThat(failure(Codecs.TELEMETRY, json).reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT);
  }

  @Test
  void aRecordOfAnotherSchemaIsUnknownSchema() {
    byte[] verdict = Codecs.FIX_VERDICT.encode(fixVerdict());

    WireFormatException e = failure(Codecs.TELEMETRY, verdict);

    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
    assertThat(e.getMessage()).contains("EpochTelemetry");
  }

  @Test
  void anUnknownFingerprintIsUnknownSchema() {
    byte[] bytes = Codecs.TELEMETRY.encode(fullTelemetry());
    bytes[5] ^= 0x40;

    assertThat(failure(Codecs.TELEMETRY, bytes).reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
  }
}
