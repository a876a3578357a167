package dev.unstuck.sweep;

import dev.unstuck.spec.ImportedModel;
import dev.unstuck.spec.LossFunction;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.text.Throwables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J network of a model the user brought ({@code model.dl4j}, {@code model.keras}): their
 * layers as DL4J reads the file, trained from a fresh initialisation, with the variant's training
 * settings set on every layer the way DL4J's configuration builder sets a network-wide value on
 * each of its layers. The spec's {@code training:} decides the optimizer and learning rate (a Keras
 * JSON has none, and a fix must be able to change them); a DL4J file's own updater is replaced.
 * Penalties, dropout, activation and initialisation replace the file's own only when the spec or a
 * fix gives them. A sequence of layers is read here; a graph (a ComputationGraph, a functional
 * Keras model) by {@link ImportedGraph}, which sets the same settings with this class's per-layer
 * steps.
 */
public final class ImportedNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(ImportedNetwork.class);

  private ImportedNetwork() {}

  /**
   * As {@link NetworkFactory#network}, for a model with {@link ModelSpec#importedModel}: a layer
   * sequence, or a graph ({@link ImportedGraph}) for a ComputationGraph or functional Keras model.
   */
  static NetworkDefinition network(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    return config.model().importedModel().orElseThrow().graph()
        ? NetworkDefinition.of(
            ImportedGraph.configuration(config, inputs, classes, seed, classWeights))
        : NetworkDefinition.of(configuration(config, inputs, classes, seed, classWeights));
  }

  /** The network of a file that holds a layer sequence (not a graph). */
  static MultiLayerConfiguration configuration(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    ModelSpec model = config.model();
    ImportedModel file = model.importedModel().orElseThrow();
    MultiLayerConfiguration conf = read(file, model, classWeights);
    mismatch(file, conf, inputs, classes)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    apply(conf, model, config.training(), seed);
    return conf;
  }

  /**
   * What keeps the network from training on this data, said with the layer and the numbers that
   * disagree, or empty. Checked on the driver before any run trains, so a wrong file is one line,
   * not a failed run per variant.
   */
  public static Optional<String> problem(ModelSpec model, int inputs, int classes) {
    ImportedModel file = model.importedModel().orElseThrow();
    if (file.graph()) {
      return ImportedGraph.problem(model, inputs, classes);
    }
    MultiLayerConfiguration conf;
    try {
      conf = read(file, model, null);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    Optional<String> mismatch = mismatch(file, conf, inputs, classes);
    return mismatch.isPresent() ? mismatch : unrunnable(file, conf, inputs);
  }

  /**
   * Whether DL4J can build the network and pass one row through it: what the sizes of the first and
   * last layer do not show (a hidden layer's nIn that does not follow from the layer before, an
   * image shape the layers do not fit, a field a hand-cut JSON left out).
   */
  private static Optional<String> unrunnable(
      ImportedModel file, MultiLayerConfiguration conf, int inputs) {
    try {
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      net.output(Nd4j.zeros(DataType.FLOAT, 1, inputs), false);
      return Optional.empty();
    } catch (Exception e) { // DL4J says what does not connect as any kind of runtime exception
      return Optional.of(cannotRun(file, inputs, e));
    }
  }

  /**
   * A file DL4J could not read as the kind of model it should be, in one line naming the file and
   * DL4J's reason.
   */
  static IllegalArgumentException unreadable(
      ImportedModel file, String dl4jKind, String kerasKind, Exception e) {
    return new IllegalArgumentException(
        file.format().specPath()
            + ": DL4J cannot read '"
            + file.path()
            + "' as a "
            + (file.format() == ImportedModel.Format.DL4J ? dl4jKind : kerasKind)
            + ": "
            + firstLine(Throwables.rootMessage(e)),
        e);
  }

  /** DL4J's reason why the network could not run on one row, in one line (the trace to the log). */
  static String cannotRun(ImportedModel file, int inputs, Exception e) {
    LOG.info("{}: DL4J cannot run the network", file.path(), e);
    return file.format().specPath()
        + ": DL4J cannot run the network of '"
        + file.path()
        + "' on one row of "
        + inputs
        + " feature columns: "
        + firstLine(Throwables.rootMessage(e));
  }

  /**
   * The file as DL4J reads it, ending in an output layer; a file DL4J cannot read is one line
   * naming it.
   */
  private static MultiLayerConfiguration read(
      ImportedModel file, ModelSpec model, double[] classWeights) {
    MultiLayerConfiguration conf;
    try {
      conf =
          file.format() == ImportedModel.Format.DL4J
              ? MultiLayerConfiguration.fromJson(file.json())
              : new KerasModelBuilder(new KerasModelConfiguration())
                  .modelJson(file.json())
                  .enforceTrainingConfig(false)
                  .buildSequential()
                  .getMultiLayerConfiguration();
    } catch (Exception e) { // DL4J's reasons come as runtime and checked exceptions alike
      throw unreadable(file, "MultiLayerConfiguration", "Keras Sequential model", e);
    }
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    imagesIn(conf, file, model.inputShape());
    List<NeuralNetConfiguration> layers = conf.getConfs();
    NeuralNetConfiguration last = layers.get(layers.size() - 1);
    if (file.format() == ImportedModel.Format.KERAS
        && last.getLayer() instanceof DenseLayer dense) {
      // a Keras architecture has no loss (it belongs to compile()), so DL4J imports the last Dense
      // layer as a plain
      // one; DL4J trains only a network that ends in an output layer
      last.setLayer(outputLayer(dense, NetworkFactory.loss(model.loss(), classWeights)));
    } else if (classWeights != null && last.getLayer() instanceof BaseOutputLayer output) {
      output.setLossFn(weighted(output.getLossFn(), classWeights, file));
    }
    return conf;
  }

  /**
   * Image rows arrive flat ({@code data.shape} says how to fold them): a network whose first layer
   * is a convolution and that has no reshaping in front of it gets DL4J's, as {@code
   * InputType.convolutionalFlat} would put there. That reshaping gives channels first, so a
   * channels-last network (Keras' default, imported as NHWC) is trained channels first: the same
   * layers and sizes, only the order in which its flattening lists the values differs, which a
   * network trained from initialisation does not notice.
   */
  private static void imagesIn(
      MultiLayerConfiguration conf, ImportedModel file, List<Integer> shape) {
    Layer first = conf.getConf(0).getLayer();
    if (!(first instanceof ConvolutionLayer) || conf.getInputPreProcess(0) != null) {
      return;
    }
    if (shape.isEmpty()) {
      throw new IllegalArgumentException(
          file.format().specPath()
              + ": layer 0 ("
              + describe(first)
              + ") takes images:"
              + " give data.shape: [height, width, channels] to fold each row of pixel columns into one");
    }
    conf.getInputPreProcessors()
        .put(0, new FeedForwardToCnnPreProcessor(shape.get(0), shape.get(1), shape.get(2)));
    channelsFirst(
        conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList(),
        conf.getInputPreProcessors().values());
  }

  /**
   * Every image layer and flattening of a network that is fed channels first ({@code
   * FeedForwardToCnnPreProcessor}'s order), told so.
   */
  static void channelsFirst(List<Layer> layers, Collection<InputPreProcessor> reshapes) {
    for (Layer layer : layers) {
      if (layer instanceof ConvolutionLayer convolution) {
        convolution.setCnn2dDataFormat(CNN2DFormat.NCHW);
      } else if (layer instanceof SubsamplingLayer pooling) {
        pooling.setCnn2dDataFormat(CNN2DFormat.NCHW);
      } else if (layer instanceof BatchNormalization normalization) {
        normalization.setCnn2DFormat(CNN2DFormat.NCHW);
      }
    }
    for (InputPreProcessor reshape : reshapes) {
      if (reshape instanceof CnnToFeedForwardPreProcessor flatten) {
        flatten.setFormat(CNN2DFormat.NCHW);
      }
    }
  }

  /**
   * The last Dense layer of a Keras model as DL4J's output layer: the same size, activation and
   * initialisation. A linear last layer is a model trained on logits (Keras' {@code
   * from_logits=True}): its loss applies the softmax, so DL4J's output layer does.
   */
  static OutputLayer outputLayer(DenseLayer dense, ILossFunction loss) {
    IActivation activation =
        dense.getActivationFn() instanceof ActivationIdentity
            ? new ActivationSoftmax()
            : dense.getActivationFn();
    OutputLayer output =
        new OutputLayer.Builder(loss)
            .nIn(dense.getNIn())
            .nOut(dense.getNOut())
            .activation(activation)
            .weightInit(dense.getWeightInitFn())
            .biasInit(dense.getBiasInit())
            .hasBias(dense.hasBias())
            .name(dense.getLayerName())
            .build();
    output.setIDropout(dense.getIDropout());
    return output;
  }

  /**
   * Class weights on the file's own loss: the kinds Unstuck's own networks weight (cross-entropy,
   * NLL, MSE).
   */
  static ILossFunction weighted(ILossFunction loss, double[] classWeights, ImportedModel file) {
    LossFunction kind;
    if (loss instanceof LossNegativeLogLikelihood) {
      kind = LossFunction.NEGATIVELOGLIKELIHOOD;
    } else if (loss instanceof LossMCXENT) {
      kind = LossFunction.MCXENT;
    } else if (loss instanceof LossMSE) {
      kind = LossFunction.MSE;
    } else {
      throw new IllegalArgumentException(
          file.format().specPath()
              + ": class weights (resample: classWeights) need"
              + " a cross-entropy, negative log-likelihood or MSE loss; the output layer has "
              + loss);
    }
    return NetworkFactory.loss(kind, classWeights);
  }

  private static Optional<String> mismatch(
      ImportedModel file, MultiLayerConfiguration conf, int inputs, int classes) {
    String where = file.format().specPath();
    List<NeuralNetConfiguration> layers = conf.getConfs();
    int first = 0;
    while (first < layers.size() - 1
        && conf.getInputPreProcess(first) == null
        && (layers.get(first).getLayer() instanceof DropoutLayer
            || layers.get(first).getLayer() instanceof ActivationLayer)) {
      first++; // these keep their input's size and may not know it
    }
    InputPreProcessor reshape = conf.getInputPreProcess(first);
    Layer in = layers.get(first).getLayer();
    if (reshape instanceof FeedForwardToCnnPreProcessor images) {
      long pixels = images.getInputHeight() * images.getInputWidth() * images.getNumChannels();
      if (pixels != inputs) {
        return Optional.of(
            where
                + ": layer "
                + first
                + " ("
                + describe(in)
                + ") takes "
                + images.getInputHeight()
                + "x"
                + images.getInputWidth()
                + "x"
                + images.getNumChannels()
                + " images ("
                + pixels
                + " values), but the"
                + " data has "
                + inputs
                + " feature columns");
      }
      if (in instanceof ConvolutionLayer convolution
          && convolution.getNIn() != images.getNumChannels()) {
        return Optional.of(
            where
                + ": layer "
                + first
                + " ("
                + describe(in)
                + ") takes "
                + convolution.getNIn()
                + " channels (nIn), but data.shape gives "
                + images.getNumChannels());
      }
    } else if (in instanceof FeedForwardLayer feedForward && feedForward.getNIn() != inputs) {
      return Optional.of(
          where
              + ": layer "
              + first
              + " ("
              + describe(in)
              + ") takes "
              + feedForward.getNIn()
              + " inputs (nIn), but the data has "
              + inputs
              + " feature columns");
    }
    int lastIndex = layers.size() - 1;
    Layer out = layers.get(lastIndex).getLayer();
    if (!(out instanceof BaseOutputLayer) && !(out instanceof LossLayer)) {
      return Optional.of(
          where
              + ": the last layer (layer "
              + lastIndex
              + ", "
              + describe(out)
              + ") is not an output"
              + " layer: DL4J trains a network that ends in one (an OutputLayer with a loss function)");
    }
    if (out instanceof FeedForwardLayer output && output.getNOut() != classes) {
      return Optional.of(
          where
              + ": the output layer (layer "
              + lastIndex
              + ", "
              + describe(out)
              + ") has "
              + output.getNOut()
              + " outputs (nOut), but the data's label has "
              + classes
              + " classes");
    }
    return Optional.empty();
  }

  /** The variant's settings on every layer, each only where the spec or a fix gives one. */
  private static void apply(
      MultiLayerConfiguration conf, ModelSpec model, TrainingSpec training, long seed) {
    List<BaseLayer> weighted = new ArrayList<>();
    List<NeuralNetConfiguration> confs = conf.getConfs();
    for (int i = 0; i < confs.size(); i++) {
      applyToLayer(confs.get(i), i < confs.size() - 1, model, training, seed)
          .ifPresent(weighted::add);
    }
    for (int i = 0; i < weighted.size(); i++) {
      inputDropout(weighted.get(i), i == 0, model, training);
    }
  }

  /**
   * The variant's settings on one layer: seed, updater, clipping, penalties, and on a layer with
   * weights the initialisation and, unless it is the output layer, the activation.
   *
   * @return the layer when it has weights
   */
  static Optional<BaseLayer> applyToLayer(
      NeuralNetConfiguration layerConf,
      boolean hidden,
      ModelSpec model,
      TrainingSpec training,
      long seed) {
    layerConf.setSeed(seed);
    if (!(layerConf.getLayer() instanceof BaseLayer layer)) {
      return Optional.empty();
    }
    // one updater for weights and biases, as the builder's updater(...) sets it: a learning-rate
    // fix moves both
    layer.setIUpdater(NetworkFactory.updater(training.optimizer(), training.learningRate()));
    layer.setBiasUpdater(null);
    clipping(layer, training);
    penalty(layer, L1Regularization.class, model.l1(), new L1Regularization(model.l1()));
    penalty(layer, L2Regularization.class, model.l2(), new L2Regularization(model.l2()));
    if (model.l2() > 0) {
      layer
          .getRegularization()
          .removeIf(WeightDecay.class::isInstance); // the builder's l2 replaces weight decay
    }
    if (!hasWeights(layer)) {
      return Optional.empty();
    }
    if (model.init() != null) {
      layer.setWeightInitFn(NetworkFactory.weightInit(model.init()));
    }
    if (model.activation() != null
        && hidden
        && (layer instanceof DenseLayer || layer instanceof ConvolutionLayer)) {
      layer.setActivationFn(NetworkFactory.activation(model.activation()).getActivationFunction());
    }
    return Optional.of(layer);
  }

  /**
   * As in Unstuck's own networks: noise on the inputs of a layer with weights that reads the
   * network's input, dropout on the inputs of every other (DL4J takes the probability of keeping a
   * unit).
   */
  static void inputDropout(
      BaseLayer layer, boolean readsNetworkInput, ModelSpec model, TrainingSpec training) {
    if (readsNetworkInput && training.inputNoise() > 0) {
      layer.setIDropout(new GaussianNoise(training.inputNoise()));
    } else if (!readsNetworkInput && model.dropout() > 0) {
      layer.setIDropout(new Dropout(1 - model.dropout()));
    }
  }

  private static void clipping(BaseLayer layer, TrainingSpec training) {
    if (training.gradientClip() > 0) {
      layer.setGradientNormalization(GradientNormalization.ClipL2PerLayer);
      layer.setGradientNormalizationThreshold(training.gradientClip());
    } else if (training.gradientClipValue() > 0) {
      layer.setGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue);
      layer.setGradientNormalizationThreshold(training.gradientClipValue());
    }
  }

  /**
   * A penalty the spec gives replaces the layer's own of that kind on its weights (biases keep
   * theirs).
   */
  private static void penalty(
      BaseLayer layer,
      Class<? extends Regularization> kind,
      double coefficient,
      Regularization replacement) {
    if (coefficient <= 0) {
      return;
    }
    List<Regularization> penalties =
        new ArrayList<>(layer.getRegularization() == null ? List.of() : layer.getRegularization());
    penalties.removeIf(kind::isInstance);
    penalties.add(replacement);
    layer.setRegularization(penalties);
  }

  /**
   * Layers that learn a weight matrix or kernel: dense, convolution and output layers, not batch
   * norm or dropout.
   */
  static boolean hasWeights(Layer layer) {
    return layer instanceof FeedForwardLayer
        && !(layer instanceof BatchNormalization)
        && !(layer instanceof DropoutLayer);
  }

  static String describe(Layer layer) {
    String type = layer.getClass().getSimpleName();
    return layer.getLayerName() == null ? type : type + " '" + layer.getLayerName() + "'";
  }

  static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
