package dev.unstuck.stream;

import dev.unstuck.avro.RunSummary;
import dev.unstuck.avro.SummaryEpoch;
import dev.unstuck.diagnosis.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stored value of a run's state, decoded ({@link RunSummary}): the epochs the run accepted
 * while that value was the newest, in the order it accepted them, and the run's identity and
 * carried answers as they stood when it was written. Immutable, so the same decoded part serves
 * every batch that finds its bytes unchanged ({@link DecodedParts}).
 */
record RunPart(
    String runId,
    String variantId,
    String fixFamily,
    Map<String, String> fixParams,
    int seed,
    int plannedSeeds,
    List<EpochMetrics> entries,
    long thresholdsFingerprint,
    int learningChecked,
    Integer firstLearningEpoch) {

  RunPart {
    fixParams = Map.copyOf(fixParams);
    entries = List.copyOf(entries);
  }

  static RunPart of(RunSummary summary) {
    List<EpochMetrics> entries = new ArrayList<>(summary.getEpochs().size());
    for (SummaryEpoch epoch : summary.getEpochs()) {
      entries.add(RunSummaryMapper.toMetrics(epoch));
    }
    return new RunPart(
        summary.getRunId(),
        summary.getVariantId(),
        summary.getFixFamily(),
        summary.getFixParams(),
        summary.getSeed(),
        summary.getPlannedSeeds(),
        entries,
        summary.getThresholdsFingerprint(),
        summary.getLearningChecked(),
        summary.getFirstLearningEpoch());
  }

  RunSummary toAvro() {
    List<SummaryEpoch> epochs = new ArrayList<>(entries.size());
    entries.forEach(m -> epochs.add(RunSummaryMapper.toSummary(m)));
    return new RunSummary(
        runId,
        variantId,
        fixFamily,
        fixParams,
        seed,
        plannedSeeds,
        epochs,
        thresholdsFingerprint,
        learningChecked,
        firstLearningEpoch);
  }
}
