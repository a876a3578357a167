-- Unstuck results, written by the diagnosis stream job (dev.unstuck.stream.DiagnosisStreamJob) through idempotent
-- upserts; read by BI tools (Superset, Metabase, Tableau) and bin/unstuck. Every table and column is commented
-- for people browsing the schema.

CREATE TABLE sweep (
  sweep_id           text        PRIMARY KEY,
  first_telemetry_at timestamptz NOT NULL,
  last_telemetry_at  timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sweep IS 'One row per sweep: a broken baseline model trained side by side with candidate fixes.';
COMMENT ON COLUMN sweep.sweep_id IS 'Sweep name (the spec''s name); every run id starts with it.';
COMMENT ON COLUMN sweep.first_telemetry_at IS 'When the first epoch of any of its runs was measured.';
COMMENT ON COLUMN sweep.last_telemetry_at IS 'When the latest epoch of any of its runs was measured.';
COMMENT ON COLUMN sweep.updated_at IS 'When this row last changed.';

CREATE TABLE run (
  run_id        text        PRIMARY KEY,
  sweep_id      text        NOT NULL,
  variant_id    text        NOT NULL,
  fix_family    text        NOT NULL,
  fix_params    text        NOT NULL DEFAULT '',
  seed          integer     NOT NULL,
  status        text        NOT NULL,
  last_epoch    integer     NOT NULL,
  total_epochs  integer     NOT NULL,
  error_message text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX run_sweep_idx ON run (sweep_id);
COMMENT ON TABLE run IS 'One row per training run (a variant of a sweep with one seed) and where it stands.';
COMMENT ON COLUMN run.run_id IS 'Run id: <sweep>/<variant>/seed-<n>.';
COMMENT ON COLUMN run.sweep_id IS 'Sweep the run belongs to.';
COMMENT ON COLUMN run.variant_id IS '''baseline'' or the fix id, e.g. lr-x0.1.';
COMMENT ON COLUMN run.fix_family IS 'Fix family (LEARNING_RATE, REGULARISATION, ...) or BASELINE for the unchanged model.';
COMMENT ON COLUMN run.fix_params IS 'The fix''s settings as key=value pairs, e.g. learningRate=x0.1; empty for the baseline.';
COMMENT ON COLUMN run.seed IS 'Seed index (1..seeds); the baseline and every fix run with the same seeds.';
COMMENT ON COLUMN run.status IS 'RUNNING, or how it ended: FINISHED, DIVERGED (loss/weights became NaN/Inf) or FAILED (training threw).';
COMMENT ON COLUMN run.last_epoch IS 'Last epoch reported (0 when it failed before finishing one).';
COMMENT ON COLUMN run.total_epochs IS 'Epochs the run was planned for.';
COMMENT ON COLUMN run.error_message IS 'Why it FAILED or DIVERGED; empty otherwise.';
COMMENT ON COLUMN run.updated_at IS 'When this row last changed.';

CREATE TABLE epoch_metric (
  run_id                  text             NOT NULL,
  epoch                   integer          NOT NULL,
  sweep_id                text             NOT NULL,
  variant_id              text             NOT NULL,
  fix_family              text             NOT NULL,
  seed                    integer          NOT NULL,
  status                  text             NOT NULL,
  train_loss              double precision,
  val_loss                double precision,
  train_accuracy          double precision,
  train_balanced_accuracy double precision,
  val_accuracy            double precision,
  val_balanced_accuracy   double precision,
  val_macro_f1            double precision,
  majority_class_rate     double precision,
  learning_rate           double precision,
  epoch_wall_time_ms      bigint,
  non_finite_count        bigint,
  max_abs_feature_mean    double precision,
  measured_at             timestamptz      NOT NULL,
  updated_at              timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, epoch)
);
CREATE INDEX epoch_metric_sweep_idx ON epoch_metric (sweep_id);
COMMENT ON TABLE epoch_metric IS 'One row per run and epoch: the learning curves. Plot val_balanced_accuracy or train_loss over epoch, one line per run.';
COMMENT ON COLUMN epoch_metric.run_id IS 'Run id: <sweep>/<variant>/seed-<n>.';
COMMENT ON COLUMN epoch_metric.epoch IS '1-based epoch; 0 for the status-only record of a run that failed before its first epoch.';
COMMENT ON COLUMN epoch_metric.sweep_id IS 'Sweep the run belongs to.';
COMMENT ON COLUMN epoch_metric.variant_id IS '''baseline'' or the fix id.';
COMMENT ON COLUMN epoch_metric.fix_family IS 'Fix family or BASELINE.';
COMMENT ON COLUMN epoch_metric.seed IS 'Seed index of the run.';
COMMENT ON COLUMN epoch_metric.status IS 'Run status after this epoch: RUNNING, or FINISHED / DIVERGED / FAILED on the last one.';
COMMENT ON COLUMN epoch_metric.train_loss IS 'Mean loss over the training split after the epoch (NaN once diverged).';
COMMENT ON COLUMN epoch_metric.val_loss IS 'Mean loss over the validation split.';
COMMENT ON COLUMN epoch_metric.train_accuracy IS 'Accuracy on the training split.';
COMMENT ON COLUMN epoch_metric.train_balanced_accuracy IS 'Mean per-class recall on the training split.';
COMMENT ON COLUMN epoch_metric.val_accuracy IS 'Accuracy on the validation split; misleading under class imbalance, see val_balanced_accuracy.';
COMMENT ON COLUMN epoch_metric.val_balanced_accuracy IS 'Mean per-class recall on the validation split (1/classes for a constant guess): the metric verdicts use.';
COMMENT ON COLUMN epoch_metric.val_macro_f1 IS 'Unweighted mean of per-class F1 on the validation split.';
COMMENT ON COLUMN epoch_metric.majority_class_rate IS 'Share of the most frequent class in the validation split: the accuracy of always guessing it.';
COMMENT ON COLUMN epoch_metric.learning_rate IS 'Learning rate in effect during the epoch.';
COMMENT ON COLUMN epoch_metric.epoch_wall_time_ms IS 'Wall time the epoch''s training took, milliseconds.';
COMMENT ON COLUMN epoch_metric.non_finite_count IS 'NaN/Inf values seen in loss, gradients, parameters and inputs during the epoch''s measurement.';
COMMENT ON COLUMN epoch_metric.max_abs_feature_mean IS 'Largest |mean| of any input feature as the network sees it; much above 1 means unnormalised input.';
COMMENT ON COLUMN epoch_metric.measured_at IS 'When the epoch was measured.';
COMMENT ON COLUMN epoch_metric.updated_at IS 'When this row last changed.';

CREATE TABLE run_diagnosis (
  run_id                text             PRIMARY KEY,
  sweep_id              text             NOT NULL,
  variant_id            text             NOT NULL,
  fix_family            text             NOT NULL,
  seed                  integer          NOT NULL,
  epoch                 integer          NOT NULL,
  status                text             NOT NULL,
  learning_state        text             NOT NULL,
  val_balanced_accuracy double precision,
  symptoms              text             NOT NULL DEFAULT '',
  evidence              text             NOT NULL DEFAULT '',
  is_final              boolean          NOT NULL,
  diagnosed_at          timestamptz      NOT NULL,
  updated_at            timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX run_diagnosis_sweep_idx ON run_diagnosis (sweep_id);
COMMENT ON TABLE run_diagnosis IS 'The latest diagnosis of each run: is it learning, and which symptoms it shows, with evidence.';
COMMENT ON COLUMN run_diagnosis.run_id IS 'Run id: <sweep>/<variant>/seed-<n>.';
COMMENT ON COLUMN run_diagnosis.sweep_id IS 'Sweep the run belongs to.';
COMMENT ON COLUMN run_diagnosis.variant_id IS '''baseline'' or the fix id.';
COMMENT ON COLUMN run_diagnosis.fix_family IS 'Fix family or BASELINE.';
COMMENT ON COLUMN run_diagnosis.seed IS 'Seed index of the run.';
COMMENT ON COLUMN run_diagnosis.epoch IS 'Last epoch the diagnosis took into account.';
COMMENT ON COLUMN run_diagnosis.status IS 'Run status at that epoch: RUNNING, FINISHED, DIVERGED or FAILED.';
COMMENT ON COLUMN run_diagnosis.learning_state IS 'LEARNING (no blocking symptom, beats chance by the margin), NOT_LEARNING, DIVERGED, or UNKNOWN (no epoch measured).';
COMMENT ON COLUMN run_diagnosis.val_balanced_accuracy IS 'Validation balanced accuracy at that epoch.';
COMMENT ON COLUMN run_diagnosis.symptoms IS 'Active symptoms, comma separated (DIVERGING, VANISHING_GRADIENTS, ...); empty when none.';
COMMENT ON COLUMN run_diagnosis.evidence IS 'One line per symptom: SYMPTOM: the metric, epochs and threshold that raised it, in words.';
COMMENT ON COLUMN run_diagnosis.is_final IS 'True once the run ended: this diagnosis will not change. False while it is still training.';
COMMENT ON COLUMN run_diagnosis.diagnosed_at IS 'When the stream job made this diagnosis.';
COMMENT ON COLUMN run_diagnosis.updated_at IS 'When this row last changed.';

CREATE TABLE fix_outcome (
  sweep_id            text             NOT NULL,
  variant_id          text             NOT NULL,
  baseline_symptom    text             NOT NULL,
  fix_family          text             NOT NULL,
  fix_params          text             NOT NULL DEFAULT '',
  baseline_symptoms   text             NOT NULL DEFAULT '',
  seeds               integer          NOT NULL,
  compared_epoch      integer          NOT NULL,
  resolved            boolean          NOT NULL,
  baseline_metric     double precision,
  variant_metric      double precision,
  metric_delta        double precision,
  metric_delta_spread double precision,
  epochs_to_learn     double precision,
  remaining_symptoms  text             NOT NULL DEFAULT '',
  new_symptoms        text             NOT NULL DEFAULT '',
  is_final            boolean          NOT NULL,
  judged_at           timestamptz      NOT NULL,
  updated_at          timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (sweep_id, variant_id, baseline_symptom)
);
CREATE INDEX fix_outcome_symptom_family_idx ON fix_outcome (baseline_symptom, fix_family);
COMMENT ON TABLE fix_outcome IS 'The fix table: one row per sweep, fix and baseline symptom. Did the fix resolve the symptom, and by how much? Provisional while runs train, final once they ended.';
COMMENT ON COLUMN fix_outcome.sweep_id IS 'Sweep name.';
COMMENT ON COLUMN fix_outcome.variant_id IS 'Fix id, e.g. lr-x0.1.';
COMMENT ON COLUMN fix_outcome.baseline_symptom IS 'The baseline symptom this row judges; NONE when the baseline showed no symptom.';
COMMENT ON COLUMN fix_outcome.fix_family IS 'Fix family (LEARNING_RATE, RESAMPLING, ...): group by this.';
COMMENT ON COLUMN fix_outcome.fix_params IS 'The fix''s settings as key=value pairs, e.g. learningRate=x0.1.';
COMMENT ON COLUMN fix_outcome.baseline_symptoms IS 'All symptoms of the baseline, comma separated.';
COMMENT ON COLUMN fix_outcome.seeds IS 'Seeds compared: runs present for both the baseline and the fix.';
COMMENT ON COLUMN fix_outcome.compared_epoch IS 'Epoch up to which the two were compared (the last both reached).';
COMMENT ON COLUMN fix_outcome.resolved IS 'True when the symptom is gone with the fix, the fix learns, and its validation balanced accuracy beats the baseline''s by a margin the seed spread supports.';
COMMENT ON COLUMN fix_outcome.baseline_metric IS 'Baseline validation balanced accuracy, mean over seeds.';
COMMENT ON COLUMN fix_outcome.variant_metric IS 'Fix validation balanced accuracy, mean over seeds.';
COMMENT ON COLUMN fix_outcome.metric_delta IS 'Mean over seeds of (fix - baseline) validation balanced accuracy.';
COMMENT ON COLUMN fix_outcome.metric_delta_spread IS 'Sample standard deviation of that delta across seeds (0 with one seed).';
COMMENT ON COLUMN fix_outcome.epochs_to_learn IS 'Mean first epoch at which the fix''s runs were LEARNING; empty if none did.';
COMMENT ON COLUMN fix_outcome.remaining_symptoms IS 'Baseline symptoms still present with the fix, comma separated.';
COMMENT ON COLUMN fix_outcome.new_symptoms IS 'Symptoms the fix shows that the baseline did not, comma separated.';
COMMENT ON COLUMN fix_outcome.is_final IS 'True once every compared run ended; false while provisional (refined as epochs arrive).';
COMMENT ON COLUMN fix_outcome.judged_at IS 'When the stream job made this verdict.';
COMMENT ON COLUMN fix_outcome.updated_at IS 'When this row last changed.';

CREATE VIEW fix_effectiveness AS
SELECT baseline_symptom,
       fix_family,
       count(DISTINCT sweep_id)                                    AS sweeps,
       count(*)                                                    AS times_tried,
       count(*) FILTER (WHERE resolved)                            AS times_resolved,
       round(avg(CASE WHEN resolved THEN 1.0 ELSE 0.0 END), 3)     AS resolve_rate,
       avg(metric_delta) FILTER (WHERE metric_delta <> 'NaN')      AS mean_metric_delta
FROM fix_outcome
WHERE is_final
GROUP BY baseline_symptom, fix_family;
COMMENT ON VIEW fix_effectiveness IS 'Across all sweeps, per baseline symptom and fix family: how often the family was tried and how often it resolved the symptom. Final verdicts only.';
COMMENT ON COLUMN fix_effectiveness.baseline_symptom IS 'The baseline symptom (NONE: the baseline had none).';
COMMENT ON COLUMN fix_effectiveness.fix_family IS 'Fix family.';
COMMENT ON COLUMN fix_effectiveness.sweeps IS 'Sweeps in which a fix of this family was judged against this symptom.';
COMMENT ON COLUMN fix_effectiveness.times_tried IS 'Fixes of this family judged against this symptom (final verdicts).';
COMMENT ON COLUMN fix_effectiveness.times_resolved IS 'How many of them resolved it.';
COMMENT ON COLUMN fix_effectiveness.resolve_rate IS 'times_resolved / times_tried.';
COMMENT ON COLUMN fix_effectiveness.mean_metric_delta IS 'Mean change of validation balanced accuracy the fixes brought (fix - baseline).';
