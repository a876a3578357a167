-- Issue 12: a sweep name is run again (a fixed spec, the next day) against the same database. Each submission of
-- a sweep is an execution with its own id (EpochTelemetry.executionId, made once per sweep job run): the tables
-- keep every execution, keyed by it, and the *_latest views show the latest execution of each sweep. Rows written
-- before this migration, and telemetry of producers that predate the field, are the execution '' of their sweep.

ALTER TABLE sweep ADD COLUMN execution_id text NOT NULL DEFAULT '';
ALTER TABLE sweep DROP CONSTRAINT sweep_pkey, ADD PRIMARY KEY (sweep_id, execution_id);
COMMENT ON TABLE sweep IS 'One row per execution of a sweep (each submission of a sweep name): a broken baseline model trained side by side with candidate fixes.';
COMMENT ON COLUMN sweep.execution_id IS 'Which submission of the sweep: the UTC time it started and a random suffix, e.g. 20261130T044512Z-3fa2c1; empty for telemetry from before execution ids.';

ALTER TABLE run ADD COLUMN execution_id text NOT NULL DEFAULT '';
ALTER TABLE run DROP CONSTRAINT run_pkey, ADD PRIMARY KEY (run_id, execution_id);
DROP INDEX run_sweep_idx;
CREATE INDEX run_sweep_execution_idx ON run (sweep_id, execution_id);
COMMENT ON TABLE run IS 'One row per training run (a variant of a sweep with one seed) of each execution, and where it stands.';
COMMENT ON COLUMN run.execution_id IS 'The execution of the sweep the run belongs to (see sweep.execution_id).';

ALTER TABLE epoch_metric ADD COLUMN execution_id text NOT NULL DEFAULT '';
ALTER TABLE epoch_metric DROP CONSTRAINT epoch_metric_pkey, ADD PRIMARY KEY (run_id, execution_id, epoch);
DROP INDEX epoch_metric_sweep_idx;
CREATE INDEX epoch_metric_sweep_execution_idx ON epoch_metric (sweep_id, execution_id);
COMMENT ON COLUMN epoch_metric.execution_id IS 'The execution of the sweep the run belongs to (see sweep.execution_id).';

ALTER TABLE run_diagnosis ADD COLUMN execution_id text NOT NULL DEFAULT '';
ALTER TABLE run_diagnosis DROP CONSTRAINT run_diagnosis_pkey, ADD PRIMARY KEY (run_id, execution_id);
DROP INDEX run_diagnosis_sweep_idx;
CREATE INDEX run_diagnosis_sweep_execution_idx ON run_diagnosis (sweep_id, execution_id);
COMMENT ON TABLE run_diagnosis IS 'The latest diagnosis of each run of each execution: is it learning, and which symptoms it shows, with evidence.';
COMMENT ON COLUMN run_diagnosis.execution_id IS 'The execution of the sweep the run belongs to (see sweep.execution_id).';

ALTER TABLE fix_outcome ADD COLUMN execution_id text NOT NULL DEFAULT '';
ALTER TABLE fix_outcome DROP CONSTRAINT fix_outcome_pkey,
  ADD PRIMARY KEY (sweep_id, execution_id, variant_id, baseline_symptom);
COMMENT ON TABLE fix_outcome IS 'The fix table: one row per execution of a sweep, fix and baseline symptom. Did the fix resolve the symptom, and by how much? Provisional while runs train, final once they ended.';
COMMENT ON COLUMN fix_outcome.execution_id IS 'The execution of the sweep whose runs were compared (see sweep.execution_id).';

-- The latest execution of a sweep is the one whose telemetry started last. The *_latest views list their table's
-- columns as they are now: a migration that adds a column to a table recreates its view.
CREATE VIEW latest_execution AS
SELECT DISTINCT ON (sweep_id) sweep_id, execution_id, first_telemetry_at, last_telemetry_at
FROM sweep
ORDER BY sweep_id, first_telemetry_at DESC, execution_id DESC;
COMMENT ON VIEW latest_execution IS 'The latest execution of each sweep: the one whose first telemetry is the most recent.';

CREATE VIEW run_latest AS
SELECT r.* FROM run r
WHERE (r.sweep_id, r.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW run_latest IS 'The run table, latest execution of each sweep only.';

CREATE VIEW epoch_metric_latest AS
SELECT m.* FROM epoch_metric m
WHERE (m.sweep_id, m.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW epoch_metric_latest IS 'The epoch_metric table (learning curves), latest execution of each sweep only.';

CREATE VIEW run_diagnosis_latest AS
SELECT d.* FROM run_diagnosis d
WHERE (d.sweep_id, d.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW run_diagnosis_latest IS 'The run_diagnosis table, latest execution of each sweep only.';

CREATE VIEW fix_outcome_latest AS
SELECT o.* FROM fix_outcome o
WHERE (o.sweep_id, o.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW fix_outcome_latest IS 'The fix table, latest execution of each sweep only: what each sweep concluded most recently.';

-- Across sweeps, a sweep counts once, by its latest execution: re-running a sweep ten times does not make its
-- fixes ten times as tried. fix_effectiveness_all_executions counts every execution, for BI.
CREATE OR REPLACE VIEW fix_effectiveness AS
SELECT baseline_symptom,
       fix_family,
       count(DISTINCT sweep_id)                                    AS sweeps,
       count(*)                                                    AS times_tried,
       count(*) FILTER (WHERE resolved)                            AS times_resolved,
       round(avg(CASE WHEN resolved THEN 1.0 ELSE 0.0 END), 3)     AS resolve_rate,
       avg(metric_delta) FILTER (WHERE metric_delta <> 'NaN')      AS mean_metric_delta
FROM fix_outcome_latest
WHERE is_final AND seeds > 0
GROUP BY baseline_symptom, fix_family;
COMMENT ON VIEW fix_effectiveness IS 'Across all sweeps (the latest execution of each), per baseline symptom and fix family: how often the family was tried and how often it resolved the symptom. Final verdicts that compared at least one seed only.';

CREATE VIEW fix_effectiveness_all_executions AS
SELECT baseline_symptom,
       fix_family,
       count(DISTINCT sweep_id)                                    AS sweeps,
       count(DISTINCT (sweep_id, execution_id))                    AS executions,
       count(*)                                                    AS times_tried,
       count(*) FILTER (WHERE resolved)                            AS times_resolved,
       round(avg(CASE WHEN resolved THEN 1.0 ELSE 0.0 END), 3)     AS resolve_rate,
       avg(metric_delta) FILTER (WHERE metric_delta <> 'NaN')      AS mean_metric_delta
FROM fix_outcome
WHERE is_final AND seeds > 0
GROUP BY baseline_symptom, fix_family;
COMMENT ON VIEW fix_effectiveness_all_executions IS 'As fix_effectiveness, counting every execution of every sweep (a re-run sweep counts once per execution).';
COMMENT ON COLUMN fix_effectiveness_all_executions.executions IS 'Executions in which a fix of this family was judged against this symptom.';
