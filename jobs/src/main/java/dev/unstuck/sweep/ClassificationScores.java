package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Accuracy, balanced accuracy (mean per-class recall), macro F1 and per-class recall, computed from the confusion
 * matrix. DL4J's own {@code f1(Macro)} is not a macro F1 for our purposes: with two classes it returns the
 * positive class's F1, and with more it leaves out classes never predicted.
 */
record ClassificationScores(double accuracy, double balancedAccuracy, double macroF1, List<Double> recall) {

  static ClassificationScores of(Evaluation evaluation, int numClasses) {
    ConfusionMatrix<Integer> matrix = evaluation.getConfusionMatrix();
    long correct = 0;
    long total = 0;
    List<Double> recall = new ArrayList<>(numClasses);
    double f1Sum = 0;
    for (int c = 0; c < numClasses; c++) {
      long truePositives = matrix.getCount(c, c);
      long actual = 0;
      long predicted = 0;
      for (int other = 0; other < numClasses; other++) {
        actual += matrix.getCount(c, other);
        predicted += matrix.getCount(other, c);
      }
      correct += truePositives;
      total += actual;
      double classRecall = actual == 0 ? 0 : truePositives / (double) actual;
      double classPrecision = predicted == 0 ? 0 : truePositives / (double) predicted;
      recall.add(classRecall);
      f1Sum += classRecall + classPrecision == 0 ? 0 : 2 * classRecall * classPrecision / (classRecall + classPrecision);
    }
    double balanced = recall.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new ClassificationScores(total == 0 ? Double.NaN : correct / (double) total, balanced,
        f1Sum / numClasses, recall);
  }
}
