package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Accuracy, balanced accuracy (mean recall over the classes present), macro F1 (over the classes
 * present or predicted) and per-class recall (NaN for a class with no rows), computed from the
 * confusion matrix. DL4J's own {@code f1(Macro)} is not a macro F1 for our purposes: with two
 * classes it returns the positive class's F1, and with more it leaves out classes never predicted.
 */
record ClassificationScores(
    double accuracy, double balancedAccuracy, double macroF1, List<Double> recall) {

  static ClassificationScores of(Evaluation evaluation, int numClasses) {
    ConfusionMatrix<Integer> matrix = evaluation.getConfusionMatrix();
    long correct = 0;
    long total = 0;
    List<Double> recall = new ArrayList<>(numClasses);
    double recallSum = 0;
    int present = 0;
    double f1Sum = 0;
    int scored = 0;
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
      // a class with no row in this split has no recall: NaN, and it takes no part in the balanced
      // accuracy
      // (counting it as 0 would cap a perfect model's balanced accuracy below 1)
      double classRecall = actual == 0 ? Double.NaN : truePositives / (double) actual;
      recall.add(classRecall);
      if (actual > 0) {
        recallSum += classRecall;
        present++;
      }
      if (actual > 0 || predicted > 0) { // F1 over the classes that occur or are predicted
        double r = actual == 0 ? 0 : classRecall;
        double precision = predicted == 0 ? 0 : truePositives / (double) predicted;
        f1Sum += r + precision == 0 ? 0 : 2 * r * precision / (r + precision);
        scored++;
      }
    }
    return new ClassificationScores(
        total == 0 ? Double.NaN : correct / (double) total,
        present == 0 ? Double.NaN : recallSum / present,
        scored == 0 ? Double.NaN : f1Sum / scored,
        recall);
  }
}
