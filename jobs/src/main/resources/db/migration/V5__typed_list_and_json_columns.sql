-- Issue 11: list and structured columns hold typed values. Symptom lists become text[] (one element per symptom,
-- in the order the diagnosis listed them); evidence, hints and a fix's settings become jsonb. Readers get arrays
-- and JSON, not comma-joined or line-per-item text that each reader had to split again: in SQL,
-- 'DIVERGING' = ANY (symptoms), evidence -> 0 ->> 'metric', fix_params ->> 'learningRate'.
--
-- Existing rows are converted in place: the V4 writer joined symptom lists with ',', wrote evidence and hints as
-- one 'SYMPTOM: explanation' line per finding, and settings as 'key=value' pairs joined with ', '. Evidence rows
-- converted here keep the symptom and the explanation; the measurement (metric, epochs, value, threshold) was
-- never stored before V5, so those keys are null. A value the V4 writer cannot have written stops the migration
-- with the value in the message, rather than being guessed at.
--
-- A column a view selects cannot change its type: the views over these tables (V4's *_latest views, and
-- fix_effectiveness, which reads fix_outcome_latest) are dropped first and recreated below as V4 defined them,
-- with their comments. latest_execution, epoch_metric_latest and fix_effectiveness_all_executions select none of
-- the converted columns and stay.

DROP VIEW fix_effectiveness;
DROP VIEW fix_outcome_latest;
DROP VIEW run_diagnosis_latest;
DROP VIEW run_latest;

CREATE FUNCTION v5_symptom_list(list text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN btrim(list) = '' THEN '{}'::text[] ELSE regexp_split_to_array(btrim(list), '\s*,\s*') END
$$;

-- 'SYMPTOM: explanation' lines; an explanation that itself spans lines stays one finding (a new finding starts
-- only where a line starts with a symptom name and ': ').
CREATE FUNCTION v5_findings(lines text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  finding text;
  parts text[];
  findings jsonb := '[]'::jsonb;
BEGIN
  FOREACH finding IN ARRAY regexp_split_to_array(btrim(lines, E' \n\r\t'), '\r?\n(?=[A-Z][A-Z0-9_]*: )') LOOP
    CONTINUE WHEN btrim(finding) = '';
    parts := regexp_match(finding, '^([A-Z][A-Z0-9_]*): (.*)$');
    IF parts IS NULL THEN
      RAISE EXCEPTION 'V5: evidence or hints line % is not ''SYMPTOM: explanation''', quote_literal(finding);
    END IF;
    findings := findings || jsonb_build_array(jsonb_build_object(
      'symptom', parts[1], 'metric', NULL, 'from_epoch', NULL, 'to_epoch', NULL, 'value', NULL,
      'threshold', NULL, 'explanation', btrim(parts[2])));
  END LOOP;
  RETURN findings;
END
$$;

-- 'key=value, key2=value2' (a key is everything before the first '=').
CREATE FUNCTION v5_settings(pairs text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  pair text;
  settings jsonb := '{}'::jsonb;
BEGIN
  FOREACH pair IN ARRAY regexp_split_to_array(btrim(pairs), '\s*,\s*') LOOP
    CONTINUE WHEN pair = '';
    IF strpos(pair, '=') < 2 THEN
      RAISE EXCEPTION 'V5: fix_params % is not key=value pairs', quote_literal(pairs);
    END IF;
    settings := settings || jsonb_build_object(
      btrim(split_part(pair, '=', 1)), btrim(substr(pair, strpos(pair, '=') + 1)));
  END LOOP;
  RETURN settings;
END
$$;

ALTER TABLE run
  ALTER COLUMN fix_params DROP DEFAULT,
  ALTER COLUMN fix_params TYPE jsonb USING v5_settings(fix_params),
  ALTER COLUMN fix_params SET DEFAULT '{}',
  ADD CONSTRAINT run_fix_params_object CHECK (jsonb_typeof(fix_params) = 'object');
COMMENT ON COLUMN run.fix_params IS 'The fix''s settings as a JSON object of strings, e.g. {"learningRate": "x0.1"} (fix_params ->> ''learningRate''); {} for the baseline.';

ALTER TABLE run_diagnosis
  ALTER COLUMN symptoms DROP DEFAULT,
  ALTER COLUMN symptoms TYPE text[] USING v5_symptom_list(symptoms),
  ALTER COLUMN symptoms SET DEFAULT '{}',
  ADD CONSTRAINT run_diagnosis_symptoms_no_null CHECK (array_position(symptoms, NULL) IS NULL),
  ALTER COLUMN evidence DROP DEFAULT,
  ALTER COLUMN evidence TYPE jsonb USING v5_findings(evidence),
  ALTER COLUMN evidence SET DEFAULT '[]',
  ADD CONSTRAINT run_diagnosis_evidence_array CHECK (jsonb_typeof(evidence) = 'array'),
  ALTER COLUMN hints DROP DEFAULT,
  ALTER COLUMN hints TYPE jsonb USING v5_findings(hints),
  ALTER COLUMN hints SET DEFAULT '[]',
  ADD CONSTRAINT run_diagnosis_hints_array CHECK (jsonb_typeof(hints) = 'array');
COMMENT ON COLUMN run_diagnosis.symptoms IS 'Active symptoms (DIVERGING, VANISHING_GRADIENTS, ...), an array; empty when none. E.g. WHERE ''DIVERGING'' = ANY (symptoms).';
COMMENT ON COLUMN run_diagnosis.evidence IS 'One JSON object per symptom, in the order of symptoms: {"symptom", "metric", "from_epoch", "to_epoch", "value", "threshold", "explanation"} - the metric, epochs, value and threshold that raised it (null in rows written before these were stored; value and threshold "NaN"/"Infinity" as strings), and a sentence.';
COMMENT ON COLUMN run_diagnosis.hints IS 'Advisory findings on a run that learns, e.g. unnormalised inputs: JSON objects shaped as in evidence; never counted as symptoms, so no fix "resolves" them.';

ALTER TABLE fix_outcome
  ALTER COLUMN fix_params DROP DEFAULT,
  ALTER COLUMN fix_params TYPE jsonb USING v5_settings(fix_params),
  ALTER COLUMN fix_params SET DEFAULT '{}',
  ADD CONSTRAINT fix_outcome_fix_params_object CHECK (jsonb_typeof(fix_params) = 'object'),
  ALTER COLUMN baseline_symptoms DROP DEFAULT,
  ALTER COLUMN baseline_symptoms TYPE text[] USING v5_symptom_list(baseline_symptoms),
  ALTER COLUMN baseline_symptoms SET DEFAULT '{}',
  ADD CONSTRAINT fix_outcome_baseline_symptoms_no_null CHECK (array_position(baseline_symptoms, NULL) IS NULL),
  ALTER COLUMN remaining_symptoms DROP DEFAULT,
  ALTER COLUMN remaining_symptoms TYPE text[] USING v5_symptom_list(remaining_symptoms),
  ALTER COLUMN remaining_symptoms SET DEFAULT '{}',
  ADD CONSTRAINT fix_outcome_remaining_symptoms_no_null CHECK (array_position(remaining_symptoms, NULL) IS NULL),
  ALTER COLUMN new_symptoms DROP DEFAULT,
  ALTER COLUMN new_symptoms TYPE text[] USING v5_symptom_list(new_symptoms),
  ALTER COLUMN new_symptoms SET DEFAULT '{}',
  ADD CONSTRAINT fix_outcome_new_symptoms_no_null CHECK (array_position(new_symptoms, NULL) IS NULL);
COMMENT ON COLUMN fix_outcome.fix_params IS 'The fix''s settings as a JSON object of strings, e.g. {"learningRate": "x0.1"}; a combination has one key per fix.';
COMMENT ON COLUMN fix_outcome.baseline_symptoms IS 'All symptoms of the baseline, an array.';
COMMENT ON COLUMN fix_outcome.remaining_symptoms IS 'Baseline symptoms still present with the fix, an array.';
COMMENT ON COLUMN fix_outcome.new_symptoms IS 'Symptoms the fix shows that the baseline did not, an array.';

DROP FUNCTION v5_symptom_list(text);
DROP FUNCTION v5_findings(text);
DROP FUNCTION v5_settings(text);

-- As V4 created them.
CREATE VIEW run_latest AS
SELECT r.* FROM run r
WHERE (r.sweep_id, r.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW run_latest IS 'The run table, latest execution of each sweep only.';

CREATE VIEW run_diagnosis_latest AS
SELECT d.* FROM run_diagnosis d
WHERE (d.sweep_id, d.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW run_diagnosis_latest IS 'The run_diagnosis table, latest execution of each sweep only.';

CREATE VIEW fix_outcome_latest AS
SELECT o.* FROM fix_outcome o
WHERE (o.sweep_id, o.execution_id) IN (SELECT sweep_id, execution_id FROM latest_execution);
COMMENT ON VIEW fix_outcome_latest IS 'The fix table, latest execution of each sweep only: what each sweep concluded most recently.';

CREATE VIEW fix_effectiveness AS
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
COMMENT ON COLUMN fix_effectiveness.baseline_symptom IS 'The baseline symptom (NONE: the baseline had none).';
COMMENT ON COLUMN fix_effectiveness.fix_family IS 'Fix family.';
COMMENT ON COLUMN fix_effectiveness.sweeps IS 'Sweeps in which a fix of this family was judged against this symptom.';
COMMENT ON COLUMN fix_effectiveness.times_tried IS 'Fixes of this family judged against this symptom (final verdicts).';
COMMENT ON COLUMN fix_effectiveness.times_resolved IS 'How many of them resolved it.';
COMMENT ON COLUMN fix_effectiveness.resolve_rate IS 'times_resolved / times_tried.';
COMMENT ON COLUMN fix_effectiveness.mean_metric_delta IS 'Mean change of validation balanced accuracy the fixes brought (fix - baseline).';
