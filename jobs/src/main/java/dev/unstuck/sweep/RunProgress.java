package dev.unstuck.sweep;

import dev.unstuck.diagnosis.TrainingStatus;

/** Told after every epoch of every run; the live display implements it. */
public interface RunProgress {
  void epochDone(String runId, int epoch, int totalEpochs, Double trainLoss, TrainingStatus status);

  RunProgress NONE = (runId, epoch, totalEpochs, trainLoss, status) -> {};
}
