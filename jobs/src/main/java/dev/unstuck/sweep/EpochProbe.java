package dev.unstuck.sweep;

import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.NonFiniteCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Measures the averaged network after an epoch, on the driver: losses and classification scores on
 * the training and validation splits, and per weight layer, on a fixed probe batch, the gradient
 * norm, weight statistics, update ratio, dead and saturated units. Dense and conv2d layers alike: a
 * convolution's units are its filters. A layer sequence and a graph alike ({@link
 * TrainableNetwork}): a graph's weight layers are measured in the order it runs them, its output
 * layer as "output".
 */
public final class EpochProbe {
  /**
   * sigmoid(5): outputs beyond it mean a pre-activation outside +-5, DeepDiagnosis' saturation
   * bound.
   */
  static final double SIGMOID_SATURATION = 1 / (1 + Math.exp(-5));

  /** tanh(5), the same bound for tanh. */
  static final double TANH_SATURATION = Math.tanh(5);

  private final DataSet train;
  private final DataSet validation;
  private final DataSet probe;
  private final int numClasses;

  public EpochProbe(DataSet train, DataSet validation, DataSet probe, int numClasses) {
    this.train = train;
    this.validation = validation;
    this.probe = probe;
    this.numClasses = numClasses;
  }

  /**
   * @param weightsBefore each weight layer's W before the epoch, to measure how far the epoch moved
   *     it
   */
  public Measurement measure(MultiLayerNetwork net, Map<Integer, INDArray> weightsBefore) {
    return measure(new TrainableMultiLayer(net), weightsBefore, null);
  }

  /** As above, for a graph. */
  public Measurement measure(ComputationGraph graph, Map<Integer, INDArray> weightsBefore) {
    return measure(new TrainableGraph(graph), weightsBefore, null);
  }

  /**
   * @param distributed computes the train and validation Evaluations over whole splits on the
   *     executors (large data), or null to score on the driver's splits
   */
  Measurement measure(
      TrainableNetwork net,
      Map<Integer, INDArray> weightsBefore,
      DistributedEvaluation distributed) {
    long badParameters = countNonFinite(net.params());
    if (badParameters > 0) {
      return blownUp(net, weightsBefore, badParameters);
    }
    INDArray trainOut = net.output(train.getFeatures());
    INDArray validationOut = net.output(validation.getFeatures());
    if (countNonFinite(trainOut) + countNonFinite(validationOut) > 0) {
      // finite weights can still overflow to NaN outputs; there is no accuracy to measure then
      return blownUp(net, weightsBefore, 0);
    }
    double trainLoss = dataLoss(net, train);
    double valLoss = dataLoss(net, validation);
    ClassificationScores trainScores;
    ClassificationScores valScores;
    if (distributed == null) {
      trainScores = scores(train.getLabels(), trainOut);
      valScores = scores(validation.getLabels(), validationOut);
    } else {
      trainScores = ClassificationScores.of(distributed.train(), numClasses);
      valScores = ClassificationScores.of(distributed.validation(), numClasses);
    }
    Gradient gradient = net.gradientOn(probe);
    long badGradients =
        gradient.gradientForVariable().values().stream()
            .mapToLong(EpochProbe::countNonFinite)
            .sum();
    Map<Integer, INDArray> activations = net.activations(probe.getFeatures());
    boolean lossBad = !Double.isFinite(trainLoss) || !Double.isFinite(valLoss);
    return new Measurement(
        trainLoss,
        valLoss,
        trainScores.accuracy(),
        trainScores.balancedAccuracy(),
        valScores.accuracy(),
        valScores.balancedAccuracy(),
        valScores.macroF1(),
        valScores.recall(),
        layerStats(net, weightsBefore, gradient, activations),
        new NonFiniteCounts(lossBad ? 1L : 0L, badGradients, 0L, 0L));
  }

  /**
   * The loss of the data alone: the mean per-example loss, without the L1/L2 penalty that {@code
   * net.score} adds. A penalised fix's loss is then comparable with the baseline's, and does not
   * drift with the weights' norm.
   */
  static double dataLoss(TrainableNetwork net, DataSet data) {
    return net.exampleLosses(data).meanNumber().doubleValue();
  }

  /**
   * A network whose weights or outputs are NaN/Inf: losses NaN, no scores, weight statistics only.
   */
  private static Measurement blownUp(
      TrainableNetwork net, Map<Integer, INDArray> weightsBefore, long badParameters) {
    return new Measurement(
        Double.NaN,
        Double.NaN,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        layerStats(net, weightsBefore, null, null),
        new NonFiniteCounts(1L, 0L, badParameters, 0L));
  }

  /** Classification scores over whole splits, computed on the executors. */
  public interface DistributedEvaluation {
    Evaluation train();

    Evaluation validation();
  }

  /** Each weight layer's W, to pass back as {@code weightsBefore} after the next epoch. */
  public static Map<Integer, INDArray> snapshotWeights(MultiLayerNetwork net) {
    return snapshotWeights(new TrainableMultiLayer(net));
  }

  /** As above, for a graph. */
  public static Map<Integer, INDArray> snapshotWeights(ComputationGraph graph) {
    return snapshotWeights(new TrainableGraph(graph));
  }

  static Map<Integer, INDArray> snapshotWeights(TrainableNetwork net) {
    Map<Integer, INDArray> weights = new HashMap<>();
    for (TrainableNetwork.NetworkLayer layer : net.layers()) {
      weight(layer).ifPresent(w -> weights.put(layer.index(), w.dup()));
    }
    return weights;
  }

  /**
   * A layer's weight matrix or kernel, when it learns one: not batch normalisation and other layers
   * without a W.
   */
  private static Optional<INDArray> weight(TrainableNetwork.NetworkLayer layer) {
    INDArray w = layer.layer().getParam("W");
    return w != null && layer.layer().conf().getLayer() instanceof BaseLayer
        ? Optional.of(w)
        : Optional.empty();
  }

  private ClassificationScores scores(INDArray labels, INDArray predictions) {
    Evaluation evaluation = new Evaluation(numClasses);
    evaluation.eval(labels, predictions);
    return ClassificationScores.of(evaluation, numClasses);
  }

  private static List<LayerStats> layerStats(
      TrainableNetwork net,
      Map<Integer, INDArray> weightsBefore,
      Gradient gradient,
      Map<Integer, INDArray> activations) {
    List<LayerStats> stats = new ArrayList<>();
    for (TrainableNetwork.NetworkLayer layer : net.layers()) {
      Optional<INDArray> weight = weight(layer);
      if (weight.isEmpty()) {
        continue;
      }
      INDArray w = weight.get();
      BaseLayer conf = (BaseLayer) layer.layer().conf().getLayer();
      String activation = conf.getActivationFn().toString().toLowerCase();
      boolean convolution = conf instanceof ConvolutionLayer;
      LayerStats.Builder built =
          LayerStats.newBuilder()
              .setIndex(stats.size())
              .setKind(layer.output() ? "output" : convolution ? "conv2d" : "dense")
              .setActivation(activation)
              // a dense W is [inputs, units]; a convolution's is [filters, channels in, kernel
              // height, kernel width]
              .setUnits((int) (convolution ? w.size(0) : w.size(1)))
              .setWeightMean(w.meanNumber().doubleValue())
              .setWeightStd(w.stdNumber().doubleValue());
      INDArray before = weightsBefore.get(layer.index());
      if (before != null) {
        double norm = before.norm2Number().doubleValue();
        built.setUpdateRatio(norm > 0 ? w.sub(before).norm2Number().doubleValue() / norm : null);
      }
      if (gradient != null) {
        INDArray g = gradient.getGradientFor(layer.gradientKey("W"));
        if (g != null) {
          built
              .setGradientNorm(g.norm2Number().doubleValue())
              .setMeanAbsGradient(g.ameanNumber().doubleValue());
        }
      }
      if (activations != null) {
        INDArray out = activations.get(layer.index());
        built.setDeadFraction(activation.equals("relu") ? deadFraction(out) : null);
        built.setSaturatedFraction(saturatedFraction(activation, out));
      }
      stats.add(built.build());
    }
    return stats;
  }

  /**
   * Units whose output is 0 for every probe example. A convolution's unit is a filter: its output
   * [examples, filters, height, width] is dead when 0 for every example at every position.
   */
  static double deadFraction(INDArray activations) {
    INDArray maxPerUnit = activations.rank() == 4 ? activations.max(0, 2, 3) : activations.max(0);
    return maxPerUnit.scan(Conditions.lessThanOrEqual(0)).doubleValue() / maxPerUnit.length();
  }

  static Double saturatedFraction(String activation, INDArray out) {
    return switch (activation) {
      case "sigmoid" ->
          (out.scan(Conditions.greaterThan(SIGMOID_SATURATION)).doubleValue()
                  + out.scan(Conditions.lessThan(1 - SIGMOID_SATURATION)).doubleValue())
              / out.length();
      case "tanh" ->
          (out.scan(Conditions.greaterThan(TANH_SATURATION)).doubleValue()
                  + out.scan(Conditions.lessThan(-TANH_SATURATION)).doubleValue())
              / out.length();
      default -> null;
    };
  }

  static long countNonFinite(INDArray array) {
    return array.scan(Conditions.isNan()).longValue()
        + array.scan(Conditions.isInfinite()).longValue();
  }
}
