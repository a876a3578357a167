package dev.unstuck.wire;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.LearningState;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.SymptomEvidence;
import dev.unstuck.diagnosis.Detection;
import dev.unstuck.diagnosis.Diagnosis;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.verdict.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Domain diagnoses and judgements as the Avro records published on unstuck.diagnosis. */
public final class DiagnosisMapper {
  /** The baselineSymptom of the single row written when the baseline had nothing wrong. */
  public static final String NO_SYMPTOM = "NONE";

  private DiagnosisMapper() {}

  /** Identifies the run a diagnosis is about, in its execution of the sweep. */
  public record RunRef(
      String sweepId,
      String executionId,
      String runId,
      String variantId,
      String fixFamily,
      int seed) {}

  /** Identifies the fix a verdict is about, in its execution of the sweep. */
  public record FixRef(
      String sweepId,
      String executionId,
      String variantId,
      String fixFamily,
      Map<String, String> params) {}

  public static RunDiagnosis toAvro(RunRef run, Diagnosis diagnosis, long nowMs) {
    return RunDiagnosis.newBuilder()
        .setSweepId(run.sweepId())
        .setExecutionId(run.executionId())
        .setRunId(run.runId())
        .setVariantId(run.variantId())
        .setFixFamily(run.fixFamily())
        .setSeed(run.seed())
        .setEpoch(diagnosis.epoch())
        .setStatus(diagnosis.status().name())
        .setLearningState(LearningState.valueOf(diagnosis.state().name()))
        .setValBalancedAccuracy(diagnosis.metric())
        .setSymptoms(diagnosis.detections().stream().map(DiagnosisMapper::evidence).toList())
        .setHints(diagnosis.hints().stream().map(DiagnosisMapper::evidence).toList())
        .setFinalDiagnosis(diagnosis.status().terminal())
        .setTimestampMs(nowMs)
        .build();
  }

  /** One row per baseline symptom (a single NONE row when the baseline had none). */
  public static List<FixVerdict> toAvro(FixRef fix, Judgement judgement, long nowMs) {
    List<String> baselineSymptoms = names(judgement.baselineSymptoms().stream().sorted().toList());
    List<FixVerdict> rows = new ArrayList<>();
    if (judgement.baselineSymptoms().isEmpty()) {
      rows.add(row(fix, judgement, NO_SYMPTOM, false, baselineSymptoms, nowMs));
    }
    judgement.baselineSymptoms().stream()
        .sorted()
        .forEach(
            symptom ->
                rows.add(
                    row(
                        fix,
                        judgement,
                        symptom.name(),
                        judgement.resolves(symptom),
                        baselineSymptoms,
                        nowMs)));
    return rows;
  }

  private static FixVerdict row(
      FixRef fix,
      Judgement j,
      String symptom,
      boolean resolved,
      List<String> baselineSymptoms,
      long nowMs) {
    return FixVerdict.newBuilder()
        .setSweepId(fix.sweepId())
        .setExecutionId(fix.executionId())
        .setVariantId(fix.variantId())
        .setFixFamily(fix.fixFamily())
        .setFixParams(fix.params())
        .setBaselineSymptom(symptom)
        .setBaselineSymptoms(baselineSymptoms)
        .setSeeds(j.seeds())
        .setComparedEpoch(j.comparedEpoch())
        .setResolved(resolved)
        .setImproved(j.improvementSupported())
        .setBaselineMetric(j.baselineMetric())
        .setVariantMetric(j.fixMetric())
        .setMetricDelta(j.delta())
        .setMetricDeltaSpread(j.spread())
        .setEpochsToLearn(j.epochsToLearn().orElse(null))
        .setRemainingSymptoms(names(j.remainingSymptoms()))
        .setNewSymptoms(names(j.newSymptoms()))
        .setFinalVerdict(j.complete())
        .setTimestampMs(nowMs)
        .build();
  }

  private static SymptomEvidence evidence(Detection d) {
    return SymptomEvidence.newBuilder()
        .setSymptom(d.symptom().name())
        .setMetric(d.evidence().metric())
        .setFromEpoch(d.evidence().fromEpoch())
        .setToEpoch(d.evidence().toEpoch())
        .setValue(d.evidence().value())
        .setThreshold(d.evidence().threshold())
        .setExplanation(d.evidence().explanation())
        .build();
  }

  private static List<String> names(List<Symptom> symptoms) {
    return symptoms.stream().map(Symptom::name).toList();
  }
}
