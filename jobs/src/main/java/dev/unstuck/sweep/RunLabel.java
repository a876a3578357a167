package dev.unstuck.sweep;

import dev.unstuck.fix.PlannedRun;
import java.io.Serializable;
import java.util.Map;

/**
 * Who a run is, as its telemetry names it; serializable, so the Spark task that trains the run can
 * say it.
 */
public record RunLabel(
    String sweepId,
    String executionId,
    String runId,
    String variantId,
    String fixFamily,
    Map<String, String> fixParams,
    int seed,
    int totalEpochs,
    int plannedSeeds)
    implements Serializable {

  public RunLabel {
    fixParams = Map.copyOf(fixParams);
  }

  public static RunLabel of(PlannedRun run) {
    return new RunLabel(
        run.sweepId(),
        run.executionId(),
        run.runId(),
        run.variant().id(),
        run.variant().family().name(),
        run.variant().params(),
        run.seed(),
        run.variant().config().training().epochs(),
        run.variant().config().training().seeds());
  }
}
