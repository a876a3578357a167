package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;

/** Accuracy, balanced accuracy (mean per-class recall), macro F1 and per-class recall from a DL4J Evaluation. */
record ClassificationScores(double accuracy, double balancedAccuracy, double macroF1, List<Double> recall) {

  static ClassificationScores of(Evaluation evaluation, int numClasses) {
    List<Double> recall = new ArrayList<>(numClasses);
    for (int c = 0; c < numClasses; c++) {
      recall.add(evaluation.recall(c, 0.0));
    }
    double balanced = recall.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new ClassificationScores(evaluation.accuracy(), balanced, evaluation.f1(EvaluationAveraging.Macro), recall);
  }
}
