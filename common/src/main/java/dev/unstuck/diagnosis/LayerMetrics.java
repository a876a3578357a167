package dev.unstuck.diagnosis;

/**
 * Statistics of one weight layer after an epoch, index 0 nearest the input. NaN where a statistic
 * does not apply (dead fraction of a sigmoid layer) or could not be measured.
 */
public record LayerMetrics(
    int index,
    String kind,
    String activation,
    int units,
    double gradientNorm,
    double meanAbsGradient,
    double updateRatio,
    double weightMean,
    double weightStd,
    double deadFraction,
    double saturatedFraction) {}
