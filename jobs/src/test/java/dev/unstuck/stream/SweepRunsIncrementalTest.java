package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.testing.Curves;
import dev.unstuck.testing.Telemetry;
import dev.unstuck.wire.Codecs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The state kept as run summaries, restored from its stored form at every micro-batch, publishes
 * exactly what the state that kept every raw record published ({@link RecordKeepingSweepRuns}, the
 * code before it): the same runs changed, the same diagnoses, the same verdict rows, batch after
 * batch - with duplicates, records out of order, a terminal record ahead of its epoch's RUNNING
 * copy, runs that fail or diverge part-way, and a restart with other thresholds half-way.
 */
class SweepRunsIncrementalTest {
  private static final String SWEEP = "incremental";
  private static final int EPOCHS = 16;
  private static final int SEEDS = 3;

  /**
   * Every kind of run a verdict meets, {@link #SEEDS} seeds each, the order a sweep publishes them
   * in.
   */
  static List<EpochTelemetry> sweep() {
    Map<String, Curves> variants = new LinkedHashMap<>();
    variants.put("baseline/BASELINE", Curves.flatAtChance());
    variants.put("lr-x0.1/LEARNING_RATE", Curves.healthy());
    variants.put("lr-x0.5/LEARNING_RATE", Curves.healthy().notLearningUntil(EPOCHS / 2));
    variants.put("l2-1e-4/REGULARISATION", Curves.flatAtChance());
    variants.put("adam/OPTIMISER", Curves.nanDivergence(EPOCHS / 3));
    variants.put(
        "batchnorm/NORMALISATION",
        Curves.healthy().stopAfter(EPOCHS / 2).endingWith(TrainingStatus.FAILED));
    variants.put("dropout-0.5/REGULARISATION", Curves.overfitting());
    variants.put("clip-1/GRADIENT_CLIPPING", Curves.oscillating());
    List<List<EpochTelemetry>> runs = new ArrayList<>();
    for (Map.Entry<String, Curves> variant : variants.entrySet()) {
      String[] idAndFamily = variant.getKey().split("/");
      List<EpochMetrics> curve = variant.getValue().epochs(EPOCHS).build();
      for (int seed = 1; seed <= SEEDS; seed++) {
        Telemetry run = Telemetry.run(SWEEP, idAndFamily[0], idAndFamily[1], seed);
        List<EpochTelemetry> records = new ArrayList<>();
        for (EpochMetrics m : curve) {
          // seeds differ a little, so verdicts have a spread to weigh
          EpochTelemetry r =
              EpochTelemetry.newBuilder(run.record(m, EPOCHS))
                  .setPlannedSeeds(SEEDS)
                  .setValBalancedAccuracy(m.valBalancedAccuracy() + 0.004 * seed * (m.epoch() % 3))
                  .build();
          if (r.getStatus() != RunStatus.RUNNING) {
            records.add(
                EpochTelemetry.newBuilder(r)
                    .setStatus(RunStatus.RUNNING)
                    .setErrorMessage(null)
                    .build());
          }
          records.add(r);
        }
        runs.add(records);
      }
    }
    List<EpochTelemetry> published = new ArrayList<>();
    published.add(
        EpochTelemetry.newBuilder(
                SweepFixture.failedAtStart(Telemetry.run(SWEEP, "bn-relu", "NORMALISATION", 1)))
            .setSweepId(SWEEP)
            .build());
    for (int i = 0; i < EPOCHS + 1; i++) {
      for (List<EpochTelemetry> run : runs) {
        if (i < run.size()) {
          published.add(run.get(i));
        }
      }
    }
    return published;
  }

  /**
   * {@code records} as a broker may deliver them: some twice, some swapped with their neighbour.
   */
  static List<EpochTelemetry> delivered(List<EpochTelemetry> records, Random random) {
    List<EpochTelemetry> delivered = new ArrayList<>(records);
    for (int i = 0; i + 1 < delivered.size(); i++) {
      if (random.nextDouble() < 0.1) {
        Collections.swap(delivered, i, i + 1);
      }
    }
    for (int copies = 0; copies < records.size() / 10; copies++) {
      int at = random.nextInt(delivered.size());
      delivered.add(at + random.nextInt(delivered.size() - at), delivered.get(at));
    }
    return delivered;
  }

  @Test
  void everyBatchPublishesWhatKeepingEveryRecordPublished() {
    for (int trial = 0; trial < 6; trial++) {
      Random random = new Random(trial);
      List<EpochTelemetry> records = trial == 0 ? sweep() : delivered(sweep(), random);
      Thresholds thresholds = Thresholds.DEFAULTS;
      RecordKeepingSweepRuns oracle = new RecordKeepingSweepRuns(SWEEP, thresholds);
      SweepState stored = null;
      int batches = 0;
      int verdicts = 0;
      for (int from = 0; from < records.size(); batches++) {
        int to = Math.min(records.size(), from + 1 + random.nextInt(trial == 0 ? 3 : 40));
        List<EpochTelemetry> batch = records.subList(from, to);
        from = to;
        if (trial % 2 == 1 && batches == 10) {
          // the job restarted with another learning margin: carried answers of the old thresholds
          // must not count
          thresholds = Thresholds.DEFAULTS.withOverrides(Map.of("learningMargin", "0.2"));
          oracle = RecordKeepingSweepRuns.restore(oracle.toState(), thresholds);
        }
        SweepRuns sweep =
            stored == null
                ? new SweepRuns(SWEEP, thresholds)
                : SweepRuns.restore(stored, thresholds);
        assertThat(sweep.setAside()).isEmpty();
        Set<String> changed = new TreeSet<>();
        Set<String> oracleChanged = new TreeSet<>();
        for (EpochTelemetry r : batch) {
          byte[] bytes = Codecs.TELEMETRY.encode(r);
          if (sweep.accept(r, bytes)) {
            changed.add(r.getRunId());
          }
          if (oracle.accept(r, bytes)) {
            oracleChanged.add(r.getRunId());
          }
        }
        String where = "trial " + trial + ", batch " + batches;
        assertThat(changed).as(where).isEqualTo(oracleChanged);
        assertThat(sweep.diagnoses(changed, 1)).as(where).isEqualTo(oracle.diagnoses(changed, 1));
        List<FixVerdict> judged = sweep.verdicts(changed, 1);
        assertThat(judged).as(where).isEqualTo(oracle.verdicts(changed, 1));
        verdicts += judged.size();
        stored = sweep.toState();
      }
      SweepRuns last = SweepRuns.restore(stored, thresholds);
      assertThat(last.size()).isEqualTo(oracle.size());
      assertThat(last.diagnoses(last.runIds(), 1)).isEqualTo(oracle.diagnoses(last.runIds(), 1));
      assertThat(last.verdicts(last.runIds(), 1))
          .isEqualTo(oracle.verdicts(last.runIds(), 1))
          .anyMatch(FixVerdict::getResolved)
          .allMatch(FixVerdict::getFinalVerdict);
      assertThat(verdicts).as("verdicts compared along the way, trial %d", trial).isGreaterThan(20);
    }
  }

  @Test
  void aRunNothingChangedIsStoredAsTheBytesItWasRestoredFrom() {
    List<EpochTelemetry> records = sweep();
    SweepRuns sweep = new SweepRuns(SWEEP, Thresholds.DEFAULTS);
    records.forEach(r -> sweep.accept(r, Codecs.TELEMETRY.encode(r)));
    SweepState stored = sweep.toState();
    SweepRuns restored = SweepRuns.restore(stored, Thresholds.DEFAULTS);
    EpochTelemetry late =
        records.stream()
            .filter(r -> r.getRunId().endsWith("lr-x0.1/seed-1"))
            .findFirst()
            .orElseThrow();
    restored.accept(late, Codecs.TELEMETRY.encode(late)); // a duplicate: changes nothing

    List<byte[]> again = restored.toState().getRecords();
    assertThat(again).hasSameSizeAs(stored.getRecords());
    for (int i = 0; i < again.size(); i++) {
      assertThat(again.get(i)).as("value %d", i).isSameAs(stored.getRecords().get(i));
    }
  }

  @Test
  void aRunOfManyBatchesIsStoredInLogarithmicallyFewPartsHoldingItsEpochsOnce() throws Exception {
    Telemetry run = Telemetry.run(SWEEP, "baseline", "BASELINE", 1);
    List<EpochTelemetry> records = new ArrayList<>();
    for (EpochMetrics m : Curves.flatAtChance().epochs(100).build()) {
      EpochTelemetry r = run.record(m, 100);
      if (r.getStatus() != RunStatus.RUNNING) {
        records.add(
            EpochTelemetry.newBuilder(r)
                .setStatus(RunStatus.RUNNING)
                .setErrorMessage(null)
                .build());
      }
      records.add(r);
    }
    SweepState stored = null;
    for (EpochTelemetry r : records) { // one record per batch, as a slow live run sends them
      SweepRuns sweep =
          stored == null
              ? new SweepRuns(SWEEP, Thresholds.DEFAULTS)
              : SweepRuns.restore(stored, Thresholds.DEFAULTS);
      sweep.accept(r, Codecs.TELEMETRY.encode(r));
      stored = sweep.toState();
    }

    // 101 batches: a binary counter of parts, at most log2(101) + 1 = 7
    assertThat(stored.getRecords()).hasSizeLessThanOrEqualTo(7);
    int entries = 0;
    for (byte[] part : stored.getRecords()) {
      entries += Codecs.RUN_SUMMARY.decode(part).getEpochs().size();
    }
    assertThat(entries)
        .as("every epoch once, and the RUNNING copy the terminal record replaced")
        .isEqualTo(101);
    assertThat(SweepRuns.restore(stored, Thresholds.DEFAULTS).size()).isEqualTo(100);
  }
}
