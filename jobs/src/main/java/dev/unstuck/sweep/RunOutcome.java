package dev.unstuck.sweep;

import dev.unstuck.diagnosis.TrainingStatus;
import java.io.Serializable;

/** How a run ended: its terminal status, epochs done and, for DIVERGED/FAILED, why. */
public record RunOutcome(String runId, TrainingStatus status, int epochs, String message)
    implements Serializable {}
