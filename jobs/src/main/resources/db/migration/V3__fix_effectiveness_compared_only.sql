-- A fix whose every seed (or every seed of the baseline) failed gets a final verdict that compares nothing
-- (seeds = 0), so that a launcher does not wait for it. It was never tried on the symptom: leave it out of the
-- cross-sweep view, which would otherwise count it as tried and not resolved.
CREATE OR REPLACE VIEW fix_effectiveness AS
SELECT baseline_symptom,
       fix_family,
       count(DISTINCT sweep_id)                                    AS sweeps,
       count(*)                                                    AS times_tried,
       count(*) FILTER (WHERE resolved)                            AS times_resolved,
       round(avg(CASE WHEN resolved THEN 1.0 ELSE 0.0 END), 3)     AS resolve_rate,
       avg(metric_delta) FILTER (WHERE metric_delta <> 'NaN')      AS mean_metric_delta
FROM fix_outcome
WHERE is_final AND seeds > 0
GROUP BY baseline_symptom, fix_family;
COMMENT ON VIEW fix_effectiveness IS 'Across all sweeps, per baseline symptom and fix family: how often the family was tried and how often it resolved the symptom. Final verdicts that compared at least one seed only.';
