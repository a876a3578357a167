package dev.unstuck.spec;

import java.io.Serializable;

/**
 * How a variant trains. Data treatments that fixes may change (normalisation, resampling, input
 * noise) live here too, because they are per variant while the dataset itself is shared.
 *
 * @param gradientClip 0 = off; otherwise the per-layer gradient L2 norm is clipped to this value
 * @param gradientClipValue 0 = off; otherwise each gradient element is clipped to +-this value
 * @param earlyStopping 0 = off; otherwise stop after this many epochs without a better validation
 *     metric
 * @param inputNoise 0 = off; otherwise std of Gaussian noise added to the inputs while training
 * @param seeds every variant runs with seeds 1..seeds
 * @param workers data-parallel workers (Spark partitions) per variant
 */
public record TrainingSpec(
    Optimizer optimizer,
    double learningRate,
    LrSchedule lrSchedule,
    int batchSize,
    int epochs,
    double gradientClip,
    double gradientClipValue,
    InputNormalization normalizeInputs,
    Resampling resample,
    double inputNoise,
    int earlyStopping,
    int seeds,
    int workers)
    implements Serializable {

  public TrainingSpec withOptimizer(Optimizer value) {
    return new TrainingSpec(
        value,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withLearningRate(double value) {
    return new TrainingSpec(
        optimizer,
        value,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withLrSchedule(LrSchedule value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        value,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withBatchSize(int value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        value,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withGradientClip(double value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        value,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withGradientClipValue(double value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        value,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withNormalizeInputs(InputNormalization value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        value,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withResample(Resampling value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        value,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withInputNoise(double value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        value,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withEarlyStopping(int value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        value,
        seeds,
        workers);
  }

  public TrainingSpec withEpochs(int value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        value,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        seeds,
        workers);
  }

  public TrainingSpec withSeeds(int value) {
    return new TrainingSpec(
        optimizer,
        learningRate,
        lrSchedule,
        batchSize,
        epochs,
        gradientClip,
        gradientClipValue,
        normalizeInputs,
        resample,
        inputNoise,
        earlyStopping,
        value,
        workers);
  }
}
