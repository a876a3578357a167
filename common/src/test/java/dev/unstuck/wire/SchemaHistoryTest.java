package dev.unstuck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published-schema history is complete and every version of it works with every other: what
 * lets producers and consumers of different releases share a topic, and a new stream job restore an
 * old job's state.
 */
class SchemaHistoryTest {

  static Stream<Arguments> recordTypes() {
    return Stream.of(
        Arguments.of(EpochTelemetry.getClassSchema(), Codecs.TELEMETRY),
        Arguments.of(RunDiagnosis.getClassSchema(), Codecs.RUN_DIAGNOSIS),
        Arguments.of(FixVerdict.getClassSchema(), Codecs.FIX_VERDICT),
        Arguments.of(RunSummary.getClassSchema(), Codecs.RUN_SUMMARY));
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void theCurrentSchemaIsTheNewestPublishedVersion(Schema current, SingleObjectCodec<?> codec)
      throws IOException {
    SchemaHistory history = SchemaHistory.of(current.getName());
    List<Schema> versions = history.versions();
    Schema source;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("avro/" + current.getName() + ".avsc")) {
      source = new Schema.Parser().parse(in);
    }

    // equals compares fields, types and defaults (not docs): a changed default is a new version too
    assertThat(versions.get(versions.size() - 1))
        .as(
            "%s.avsc changed: copy it to %s",
            current.getName(), SchemaHistory.resource(current.getName(), versions.size() + 1))
        .isEqualTo(source);
    // the generated class (String props added) writes the same fingerprint
    assertThat(history.versionOf(current)).contains(versions.size());
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void everyVersionChangesItsPredecessor(Schema current, SingleObjectCodec<?> codec) {
    List<Schema> versions = SchemaHistory.of(current.getName()).versions();
    for (int v = 1; v < versions.size(); v++) {
      assertThat(versions.get(v)).as("v%d repeats v%d", v + 1, v).isNotEqualTo(versions.get(v - 1));
    }
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void everyVersionReadsEveryOther(Schema current, SingleObjectCodec<?> codec) {
    // FULL_TRANSITIVE: any release's consumer reads any release's records, both ways in time
    List<Schema> versions = SchemaHistory.of(current.getName()).versions();
    for (int r = 0; r < versions.size(); r++) {
      for (int w = 0; w < versions.size(); w++) {
        SchemaPairCompatibility pair =
            SchemaCompatibility.checkReaderWriterCompatibility(versions.get(r), versions.get(w));
        assertThat(pair.getType())
            .as(
                "%s v%d reading v%d: %s",
                current.getName(), r + 1, w + 1, pair.getResult().getIncompatibilities())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void theCodecKnowsEveryPublishedFingerprint(Schema current, SingleObjectCodec<?> codec) {
    SchemaHistory history = SchemaHistory.of(current.getName());

    assertThat(codec.writerSchemas().keySet())
        .containsExactlyElementsOf(history.byFingerprint().keySet());
    assertThat(codec.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(current));
  }

  @Test
  void theHistoryHoldsWhatEachReleasePublished() {
    // the commits that changed the schemas: EpochTelemetry +plannedSeeds, then +trainingMode,
    // workers,
    // globalBatchSize, averagingFrequency; RunDiagnosis +FAILED learning state, then +hints;
    // FixVerdict +improved
    List<Schema> telemetry = SchemaHistory.of("EpochTelemetry").versions();
    assertThat(telemetry.get(0).getField("plannedSeeds")).isNull();
    assertThat(telemetry.get(1).getField("plannedSeeds")).isNotNull();
    assertThat(telemetry.get(1).getField("trainingMode")).isNull();

    List<Schema> diagnosis = SchemaHistory.of("RunDiagnosis").versions();
    assertThat(diagnosis.get(0).getField("learningState").schema().getEnumSymbols())
        .doesNotContain("FAILED");
    assertThat(diagnosis.get(1).getField("learningState").schema().getEnumSymbols())
        .contains("FAILED");
    assertThat(diagnosis.get(1).getField("hints")).isNull();

    List<Schema> verdict = SchemaHistory.of("FixVerdict").versions();
    assertThat(verdict.get(0).getField("improved")).isNull();
  }
}
