package dev.unstuck.scenario;

import dev.unstuck.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One run trained the way a user trains DL4J in one process: each epoch the training rows in the
 * order {@code Collections.shuffle(0..n-1, new Random(seed * 1_000_003 + epoch))} (the order
 * Unstuck documents), cut into minibatches, {@code fit} one by one. After every epoch the reference
 * measures, by hand from the network's outputs: cross-entropy and balanced accuracy on both splits
 * and every class's validation recall; after the last epoch also the share of dead ReLU units, of
 * saturated sigmoid/tanh outputs, and the gradient-norm ratio first/last layer.
 */
final class ReferenceRun {
  private ReferenceRun() {}

  record Epoch(
      int epoch,
      double trainLoss,
      double validationLoss,
      double trainBalancedAccuracy,
      double validationBalancedAccuracy,
      double minClassRecall) {}

  /**
   * @param deadFraction the largest share, over ReLU layers, of units that output 0 for every
   *     training row
   * @param saturatedFraction the largest share, over sigmoid/tanh layers, of outputs at the flat
   *     ends (sigmoid below 0.01 or above 0.99, |tanh| above 0.99)
   * @param gradientRatio L2 norm of the first layer's weight gradient over the output layer's, on
   *     the whole training split after the last epoch
   */
  record Result(
      List<Epoch> epochs, double deadFraction, double saturatedFraction, double gradientRatio) {
    Epoch last() {
      return epochs.get(epochs.size() - 1);
    }

    Epoch first() {
      return epochs.get(0);
    }
  }

  static Result train(
      MultiLayerConfiguration conf,
      TrainingSpec training,
      DataSet train,
      DataSet validation,
      long seed) {
    Nd4j.getRandom().setSeed(seed);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    List<Epoch> epochs = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int sinceBest = 0;
    for (int epoch = 1; epoch <= training.epochs(); epoch++) {
      net.setLearningRate(rateAt(training, epoch));
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < train.numExamples(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
      for (int from = 0; from < order.size(); from += training.batchSize()) {
        int[] rows =
            order.subList(from, Math.min(order.size(), from + training.batchSize())).stream()
                .mapToInt(Integer::intValue)
                .toArray();
        net.fit(new DataSet(train.getFeatures().getRows(rows), train.getLabels().getRows(rows)));
      }
      Epoch measured = measure(net, epoch, train, validation);
      epochs.add(measured);
      if (!Double.isFinite(measured.trainLoss())) {
        break; // the weights are NaN: nothing later changes
      }
      if (training.earlyStopping()
          > 0) { // README: stop when balanced accuracy has not improved for N epochs
        if (measured.validationBalancedAccuracy() > best) {
          best = measured.validationBalancedAccuracy();
          sinceBest = 0;
        } else if (++sinceBest >= training.earlyStopping()) {
          break;
        }
      }
    }
    return new Result(
        epochs, deadFraction(net, train), saturatedFraction(net, train), gradientRatio(net, train));
  }

  /**
   * README: step halves the rate after every third of the epochs; exponential multiplies it by 0.9
   * per epoch.
   */
  static double rateAt(TrainingSpec training, int epoch) {
    double base = training.learningRate();
    return switch (training.lrSchedule()) {
      case NONE -> base;
      case STEP -> base * Math.pow(0.5, (epoch - 1) / Math.max(1, training.epochs() / 3));
      case EXPONENTIAL -> base * Math.pow(0.9, epoch - 1);
    };
  }

  private static Epoch measure(
      MultiLayerNetwork net, int epoch, DataSet train, DataSet validation) {
    INDArray trainOut = net.output(train.getFeatures(), false);
    INDArray validationOut = net.output(validation.getFeatures(), false);
    double[] recalls = recalls(validationOut, validation.getLabels());
    double min = 1;
    for (double recall : recalls) {
      min = Double.isNaN(recall) ? min : Math.min(min, recall);
    }
    return new Epoch(
        epoch,
        crossEntropy(trainOut, train.getLabels()),
        crossEntropy(validationOut, validation.getLabels()),
        mean(recalls(trainOut, train.getLabels())),
        mean(recalls),
        min);
  }

  /** Mean of -ln p(true class); NaN when the outputs are. */
  static double crossEntropy(INDArray output, INDArray oneHot) {
    double sum = 0;
    for (int r = 0; r < oneHot.rows(); r++) {
      double p = output.getDouble(r, argMax(oneHot, r));
      sum += -Math.log(Math.max(p, 1e-30));
      if (Double.isNaN(p)) {
        return Double.NaN;
      }
    }
    return sum / oneHot.rows();
  }

  /** Per class, the share of its rows predicted as it; NaN for a class with no rows. */
  static double[] recalls(INDArray output, INDArray oneHot) {
    int classes = (int) oneHot.size(1);
    long[] seen = new long[classes];
    long[] right = new long[classes];
    for (int r = 0; r < oneHot.rows(); r++) {
      int truth = argMax(oneHot, r);
      seen[truth]++;
      if (argMax(output, r) == truth) {
        right[truth]++;
      }
    }
    double[] recalls = new double[classes];
    for (int c = 0; c < classes; c++) {
      recalls[c] = seen[c] == 0 ? Double.NaN : right[c] / (double) seen[c];
    }
    return recalls;
  }

  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return sum / n;
  }

  private static int argMax(INDArray rows, int r) {
    int best = 0;
    for (int c = 1; c < rows.size(1); c++) {
      if (rows.getDouble(r, c) > rows.getDouble(r, best)) {
        best = c;
      }
    }
    return best;
  }

  private static double deadFraction(MultiLayerNetwork net, DataSet train) {
    List<INDArray> activations = net.feedForward(train.getFeatures(), false);
    double worst = 0;
    for (int layer = 0; layer < net.getnLayers() - 1; layer++) {
      if (activationOf(net, layer) == Activation.RELU) {
        INDArray out = activations.get(layer + 1);
        INDArray maxPerUnit = out.max(0);
        long dead = 0;
        for (int unit = 0; unit < maxPerUnit.length(); unit++) {
          dead += maxPerUnit.getDouble(unit) <= 0 ? 1 : 0;
        }
        worst = Math.max(worst, dead / (double) maxPerUnit.length());
      }
    }
    return worst;
  }

  private static double saturatedFraction(MultiLayerNetwork net, DataSet train) {
    List<INDArray> activations = net.feedForward(train.getFeatures(), false);
    double worst = 0;
    for (int layer = 0; layer < net.getnLayers() - 1; layer++) {
      Activation activation = activationOf(net, layer);
      if (activation == Activation.SIGMOID || activation == Activation.TANH) {
        INDArray out = activations.get(layer + 1);
        long flat = 0;
        for (int r = 0; r < out.rows(); r++) {
          for (int c = 0; c < out.columns(); c++) {
            double v = out.getDouble(r, c);
            flat +=
                activation == Activation.SIGMOID
                    ? (v < 0.01 || v > 0.99 ? 1 : 0)
                    : (Math.abs(v) > 0.99 ? 1 : 0);
          }
        }
        worst = Math.max(worst, flat / (double) out.length());
      }
    }
    return worst;
  }

  private static double gradientRatio(MultiLayerNetwork net, DataSet train) {
    net.setInput(train.getFeatures());
    net.setLabels(train.getLabels());
    net.computeGradientAndScore();
    Map<String, INDArray> gradients = net.gradient().gradientForVariable();
    int first = Integer.MAX_VALUE;
    int last = -1;
    for (String key : gradients.keySet()) {
      if (key.endsWith("_W")) {
        int layer = Integer.parseInt(key.substring(0, key.indexOf('_')));
        first = Math.min(first, layer);
        last = Math.max(last, layer);
      }
    }
    double top = gradients.get(last + "_W").norm2Number().doubleValue();
    return gradients.get(first + "_W").norm2Number().doubleValue() / top;
  }

  private static Activation activationOf(MultiLayerNetwork net, int layer) {
    var conf = net.getLayerWiseConfigurations().getConf(layer).getLayer();
    if (!(conf instanceof DenseLayer dense)) {
      return null; // batch normalisation: its configuration inherits DL4J's default sigmoid but
      // never applies it
    }
    IActivation fn = dense.getActivationFn();
    if (fn instanceof ActivationReLU) {
      return Activation.RELU;
    }
    if (fn instanceof ActivationSigmoid) {
      return Activation.SIGMOID;
    }
    return fn instanceof ActivationTanH ? Activation.TANH : null;
  }
}
