package dev.unstuck.sweep;

import dev.unstuck.spec.LayerSpec;
import dev.unstuck.spec.LayerType;
import dev.unstuck.spec.LossFunction;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.Optimizer;
import dev.unstuck.spec.Padding;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * The DL4J network for a variant: the model's hidden layers in order ({@link ModelSpec#layerList}:
 * a dense stack or a layer list with convolutions), batch-normalised after each dense and conv2d
 * layer when asked, and a softmax output. The input type (flat rows, or image rows of {@code
 * data.shape}) is set, so DL4J sizes each layer and inserts the reshaping between convolutional and
 * dense layers itself.
 */
public final class NetworkFactory {
  private NetworkFactory() {}

  /**
   * A variant's network of either kind: Unstuck's own layer sequence, or the user's network as
   * {@link ImportedNetwork} reads it (a sequence or a graph).
   *
   * @param classWeights per-class loss weights (class-weighted loss), or null for unweighted
   */
  static NetworkDefinition network(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    return config.model().isImported()
        ? ImportedNetwork.network(config, inputs, classes, seed, classWeights)
        : NetworkDefinition.of(configuration(config, inputs, classes, seed, classWeights));
  }

  /**
   * The layer sequence of a variant; for an imported model, only of one that is a sequence.
   *
   * @param classWeights per-class loss weights (class-weighted loss), or null for unweighted
   */
  public static MultiLayerConfiguration configuration(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    if (config.model().isImported()) {
      return ImportedNetwork.configuration(config, inputs, classes, seed, classWeights);
    }
    ModelSpec model = config.model();
    TrainingSpec training = config.training();
    NeuralNetConfiguration.Builder builder =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater(training.optimizer(), training.learningRate()))
            .l1(model.l1())
            .l2(model.l2())
            .weightInit(weightInit(model.init()));
    if (training.gradientClip() > 0) {
      builder
          .gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(training.gradientClip());
    } else if (training.gradientClipValue() > 0) {
      builder
          .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
          .gradientNormalizationThreshold(training.gradientClipValue());
    }
    NeuralNetConfiguration.ListBuilder layers = builder.list();
    List<LayerSpec> hidden = model.layerList();
    boolean anyWeights = false;
    for (int i = 0; i < hidden.size(); i++) {
      LayerSpec spec = hidden.get(i);
      Optional<Layer> layer = layer(spec, model.activation());
      if (layer.isEmpty()) {
        continue; // flatten: setInputType puts DL4J's CnnToFeedForward preprocessor in front of the
        // next layer
      }
      if (spec.type().hasWeights()) {
        if (!anyWeights && training.inputNoise() > 0) {
          layer.get().setIDropout(new GaussianNoise(training.inputNoise()));
        } else if (anyWeights && model.dropout() > 0) {
          layer
              .get()
              .setIDropout(
                  new Dropout(1 - model.dropout())); // DL4J takes the probability of keeping a unit
        }
        anyWeights = true;
      }
      layers.layer(layer.get());
      boolean normalisedNext =
          i + 1 < hidden.size() && hidden.get(i + 1).type() == LayerType.BATCHNORM;
      if (model.batchNorm() && spec.type().hasWeights() && !normalisedNext) {
        layers.layer(new BatchNormalization.Builder().build());
      }
    }
    OutputLayer.Builder output =
        new OutputLayer.Builder(loss(model.loss(), classWeights))
            .nOut(classes)
            .activation(Activation.SOFTMAX);
    if (anyWeights && model.dropout() > 0) {
      output.dropOut(1 - model.dropout());
    }
    if (!anyWeights && training.inputNoise() > 0) {
      output.dropOut(new GaussianNoise(training.inputNoise()));
    }
    layers.layer(output.build());
    // DL4J sizes every layer's input from this and inserts the reshaping between image and flat
    // layers
    List<Integer> shape = model.inputShape();
    layers.setInputType(
        shape.isEmpty()
            ? InputType.feedForward(inputs)
            : InputType.convolutionalFlat(shape.get(0), shape.get(1), shape.get(2)));
    return layers.build();
  }

  /**
   * The DL4J layer of one {@code model.layers} entry; none for flatten, which DL4J does between
   * layers.
   */
  private static Optional<Layer> layer(
      LayerSpec spec, dev.unstuck.spec.Activation modelActivation) {
    return Optional.ofNullable(
        switch (spec.type()) {
          case DENSE ->
              new DenseLayer.Builder()
                  .nOut(spec.units())
                  .activation(activation(spec.activationIn(modelActivation)))
                  .build();
          case CONV2D ->
              new ConvolutionLayer.Builder(spec.kernel().get(0), spec.kernel().get(1))
                  .stride(spec.stride().get(0), spec.stride().get(1))
                  .nOut(spec.filters())
                  .convolutionMode(convolutionMode(spec.padding()))
                  .activation(activation(spec.activationIn(modelActivation)))
                  .build();
          case MAXPOOL, AVGPOOL ->
              new SubsamplingLayer.Builder(
                      spec.type() == LayerType.MAXPOOL
                          ? SubsamplingLayer.PoolingType.MAX
                          : SubsamplingLayer.PoolingType.AVG)
                  .kernelSize(spec.kernel().get(0), spec.kernel().get(1))
                  .stride(spec.stride().get(0), spec.stride().get(1))
                  .convolutionMode(convolutionMode(spec.padding()))
                  .build();
          case BATCHNORM -> new BatchNormalization.Builder().build();
          case DROPOUT ->
              new DropoutLayer.Builder(1 - spec.rate())
                  .build(); // DL4J's argument is the keep probability
          case FLATTEN -> null;
        });
  }

  /**
   * valid is DL4J's Truncate (floor((in - k) / s) + 1, what the spec check computes); same is Same.
   */
  private static ConvolutionMode convolutionMode(Padding padding) {
    return padding == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
  }

  static IUpdater updater(Optimizer optimizer, double rate) {
    return switch (optimizer) {
      case SGD -> new Sgd(rate);
      case ADAM -> new Adam(rate);
      case NESTEROVS -> new Nesterovs(rate, 0.9);
      case RMSPROP -> new RmsProp(rate);
      case ADAGRAD -> new AdaGrad(rate);
    };
  }

  static Activation activation(dev.unstuck.spec.Activation activation) {
    return switch (activation) {
      case RELU -> Activation.RELU;
      case LEAKYRELU -> Activation.LEAKYRELU;
      case ELU -> Activation.ELU;
      case TANH -> Activation.TANH;
      case SIGMOID -> Activation.SIGMOID;
      case SOFTPLUS -> Activation.SOFTPLUS;
      case IDENTITY -> Activation.IDENTITY;
    };
  }

  /**
   * Each spec name is the DL4J scheme of that name ({@code normal} is WeightInit.NORMAL, N(0,
   * 1/fanIn)); only {@code unitNormal}, the deliberately poor N(0, 1), has no DL4J name and is a
   * distribution.
   */
  static IWeightInit weightInit(dev.unstuck.spec.WeightInit init) {
    return switch (init) {
      case XAVIER -> WeightInit.XAVIER.getWeightInitFunction();
      case HE -> WeightInit.RELU.getWeightInitFunction();
      case LECUN -> WeightInit.LECUN_NORMAL.getWeightInitFunction();
      case NORMAL -> WeightInit.NORMAL.getWeightInitFunction();
      case UNIT_NORMAL -> new WeightInitDistribution(new NormalDistribution(0, 1));
      case UNIFORM -> WeightInit.UNIFORM.getWeightInitFunction();
      case ZERO -> WeightInit.ZERO.getWeightInitFunction();
    };
  }

  /**
   * @param classWeights per-class loss weights, or null for unweighted
   */
  static ILossFunction loss(LossFunction loss, double[] classWeights) {
    var weights = classWeights == null ? null : Nd4j.create(classWeights).castTo(DataType.FLOAT);
    return switch (loss) {
      case MCXENT -> weights == null ? new LossMCXENT() : new LossMCXENT(weights);
      case NEGATIVELOGLIKELIHOOD ->
          weights == null
              ? new LossNegativeLogLikelihood()
              : new LossNegativeLogLikelihood(weights);
      case MSE -> weights == null ? new LossMSE() : new LossMSE(weights);
    };
  }
}
