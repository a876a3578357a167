-- Issue 10: verdicts a user can trust.
-- * A FAILED run is a failure, never a symptom: its learning_state is FAILED and it takes no part in any verdict.
-- * Advisory findings on a run that learns (e.g. unnormalised inputs) are hints, apart from the symptoms.
-- * A fix that beats a baseline by more than the seed spread is an improvement, also when the baseline was healthy
--   (then it resolves nothing: baseline_symptom NONE, resolved false, improved true).

ALTER TABLE run_diagnosis ADD COLUMN hints text NOT NULL DEFAULT '';
COMMENT ON COLUMN run_diagnosis.hints IS 'Advisory findings on a run that learns, one line each (SYMPTOM: explanation), e.g. unnormalised inputs; never counted as symptoms, so no fix "resolves" them.';
COMMENT ON COLUMN run_diagnosis.learning_state IS 'LEARNING (no blocking symptom, beats chance by the margin), NOT_LEARNING, DIVERGED, FAILED (training threw: a failure, no symptoms, not part of any verdict), or UNKNOWN (no epoch measured).';

ALTER TABLE fix_outcome ADD COLUMN improved boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN fix_outcome.improved IS 'True when the fix''s validation balanced accuracy beats the baseline''s by a margin the seed spread supports. Against a healthy baseline (baseline_symptom NONE) this is an improvement, never a resolution.';
COMMENT ON COLUMN fix_outcome.seeds IS 'Seeds compared: seeds where neither the baseline''s nor the fix''s run FAILED.';
