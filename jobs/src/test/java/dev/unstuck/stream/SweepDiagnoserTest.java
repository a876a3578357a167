package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.testing.ReleaseProducer;
import dev.unstuck.wire.Codecs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;
import org.junit.jupiter.api.Test;

/** The stateful function on Spark's own test GroupState: what it does with a stored state it restores. */
class SweepDiagnoserTest {
  private static final String SWEEP = "state";
  private final SweepFixture fixture = SweepFixture.standard(SWEEP);

  private static TestGroupState<SweepState> stored(List<byte[]> records) {
    return TestGroupState.create(Optional.of(new SweepState(SWEEP, records)),
        GroupStateTimeout.ProcessingTimeTimeout(), 0L, Optional.empty(), false);
  }

  private static List<DiagnosisOutput> call(TestGroupState<SweepState> state, List<EpochTelemetry> records) {
    Iterator<TelemetryPayload> payloads = records.stream()
        .map(r -> new TelemetryPayload(SWEEP, Codecs.TELEMETRY.encode(r))).iterator();
    List<DiagnosisOutput> out = new ArrayList<>();
    new SweepDiagnoser(60_000).call(SWEEP, payloads, state).forEachRemaining(out::add);
    return out;
  }

  @Test
  void aStateOfOlderReleasesRecordsIsRestoredAndCarriedOn() {
    List<EpochTelemetry> firstHalf = fixture.records.stream().filter(r -> r.getEpoch() <= 4).toList();
    List<EpochTelemetry> secondHalf = fixture.records.stream().filter(r -> r.getEpoch() > 4).toList();
    TestGroupState<SweepState> state = stored(SweepRunsTest.mixedReleases(firstHalf));

    List<DiagnosisOutput> out = call(state, secondHalf);

    assertThat(out).noneMatch(o -> o.getKind().equals(DiagnosisOutput.DEAD_LETTER));
    assertThat(state.isUpdated()).isTrue();
    assertThat(state.get().getRecords()).hasSize((int) fixture.distinctEpochs());
  }

  @Test
  void aStoredRecordOfAnUnknownSchemaGoesOutOnceAsADeadLetter() {
    List<byte[]> records = new ArrayList<>();
    fixture.records.subList(0, 10).forEach(r -> records.add(Codecs.TELEMETRY.encode(r)));
    byte[] future = ReleaseProducer.withSchema(ReleaseProducer.adding(EpochTelemetry.getClassSchema(), "executionId"))
        .encode(fixture.records.get(10));
    records.add(future);
    TestGroupState<SweepState> state = stored(records);

    List<DiagnosisOutput> out = call(state, List.of());

    assertThat(out).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo(DiagnosisOutput.DEAD_LETTER);
      assertThat(o.getKey()).isEqualTo(SWEEP);
      assertThat(o.getReason()).isEqualTo(TelemetryDecoding.UNKNOWN_SCHEMA);
      assertThat(o.getPayload()).isEqualTo(future);
    });
    assertThat(state.isUpdated()).as("the state no longer holds it").isTrue();
    assertThat(state.get().getRecords()).hasSize(10).doesNotContain(future);
    assertThat(call(state, List.of())).as("a second batch sends it no more").isEmpty();
  }
}
