package dev.unstuck.diagnosis;

/**
 * Why a symptom was raised: which metric, over which epochs, which value crossed which threshold,
 * in a sentence a person can read.
 */
public record Evidence(
    String metric,
    int fromEpoch,
    int toEpoch,
    double value,
    double threshold,
    String explanation) {}
