package dev.unstuck.sweep;

import dev.unstuck.spec.ImportedModel;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J network of a graph the user brought: a {@code ComputationGraphConfiguration} ({@code
 * model.dl4j}) or a functional Keras model ({@code model.keras}, through DL4J's Keras import, as
 * {@code KerasModelImport.importKerasModelConfiguration} reads a file, from the text read with the
 * spec). It has one input, the feature columns, and one output, the label (the spec's check). The
 * variant's settings go on every layer vertex as {@link ImportedNetwork} sets them on a sequence's
 * layers: noise on the inputs of the layers that read the network's input, dropout on the inputs of
 * every other layer with weights, an activation on every layer with weights but the output.
 */
final class ImportedGraph {
  private ImportedGraph() {}

  /** As {@link ImportedNetwork#network}, for a graph. */
  static ComputationGraphConfiguration configuration(
      RunConfig config, int inputs, int classes, long seed, double[] classWeights) {
    ModelSpec model = config.model();
    ImportedModel file = model.importedModel().orElseThrow();
    ComputationGraphConfiguration conf = read(file, model, classWeights);
    mismatch(file, conf, inputs, classes)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    apply(conf, model, config, seed);
    return conf;
  }

  /** As {@link ImportedNetwork#problem}, for a graph. */
  static Optional<String> problem(ModelSpec model, int inputs, int classes) {
    ImportedModel file = model.importedModel().orElseThrow();
    ComputationGraphConfiguration conf;
    try {
      conf = read(file, model, null);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    Optional<String> mismatch = mismatch(file, conf, inputs, classes);
    if (mismatch.isPresent()) {
      return mismatch;
    }
    try {
      ComputationGraph graph = new ComputationGraph(conf);
      graph.init();
      graph.outputSingle(false, Nd4j.zeros(DataType.FLOAT, 1, inputs));
      return Optional.empty();
    } catch (Exception e) { // DL4J says what does not connect as any kind of runtime exception
      return Optional.of(ImportedNetwork.cannotRun(file, inputs, e));
    }
  }

  /**
   * The file as DL4J reads it, its output vertex an output layer; a file DL4J cannot read is one
   * line naming it.
   */
  private static ComputationGraphConfiguration read(
      ImportedModel file, ModelSpec model, double[] classWeights) {
    ComputationGraphConfiguration conf;
    try {
      conf =
          file.format() == ImportedModel.Format.DL4J
              ? ComputationGraphConfiguration.fromJson(file.json())
              : new KerasModelBuilder(new KerasModelConfiguration())
                  .modelJson(file.json())
                  .enforceTrainingConfig(false)
                  .buildModel()
                  .getComputationGraphConfiguration();
    } catch (Exception e) { // DL4J's reasons come as runtime and checked exceptions alike
      throw ImportedNetwork.unreadable(
          file, "ComputationGraphConfiguration", "functional Keras model", e);
    }
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    imagesIn(conf, file, model.inputShape());
    LayerVertex output = layerVertex(conf, outputName(conf)).orElse(null);
    if (output == null) {
      return conf; // mismatch() says so
    }
    Layer last = output.getLayerConf().getLayer();
    if (file.format() == ImportedModel.Format.KERAS && last instanceof DenseLayer dense) {
      // a Keras architecture has no loss (it belongs to compile()): DL4J imports the output Dense
      // layer as a plain one, and trains only a graph whose output is an output layer
      output
          .getLayerConf()
          .setLayer(
              ImportedNetwork.outputLayer(dense, NetworkFactory.loss(model.loss(), classWeights)));
      output.setOutputVertex(true);
    } else if (classWeights != null && last instanceof BaseOutputLayer loss) {
      loss.setLossFn(ImportedNetwork.weighted(loss.getLossFn(), classWeights, file));
    }
    return conf;
  }

  /**
   * Image rows arrive flat: every convolution that reads the network's input without a reshaping in
   * front of it gets DL4J's, and the graph's image layers are told channels first, as {@link
   * ImportedNetwork} does for a sequence.
   */
  private static void imagesIn(
      ComputationGraphConfiguration conf, ImportedModel file, List<Integer> shape) {
    boolean folded = false;
    for (String name : readersOfInput(conf)) {
      Optional<LayerVertex> vertex = layerVertex(conf, name);
      if (vertex.isEmpty()
          || !(vertex.get().getLayerConf().getLayer() instanceof ConvolutionLayer)
          || vertex.get().getPreProcessor() != null) {
        continue;
      }
      if (shape.isEmpty()) {
        throw new IllegalArgumentException(
            file.format().specPath()
                + ": layer '"
                + name
                + "' ("
                + ImportedNetwork.describe(vertex.get().getLayerConf().getLayer())
                + ") takes images: give data.shape: [height, width, channels] to fold each row of"
                + " pixel columns into one");
      }
      vertex
          .get()
          .setPreProcessor(
              new FeedForwardToCnnPreProcessor(shape.get(0), shape.get(1), shape.get(2)));
      folded = true;
    }
    if (folded) {
      channelsFirst(conf);
    }
  }

  /**
   * Every vertex of a graph fed channels first told so: image layers and flattenings as in a
   * sequence, and a merge along the last axis (Keras' {@code Concatenate(axis=-1)} of channels-last
   * images) merges along the channels, axis 1, which for flat rows is the last axis too.
   */
  private static void channelsFirst(ComputationGraphConfiguration conf) {
    List<Layer> layers = new ArrayList<>();
    List<InputPreProcessor> reshapes = new ArrayList<>();
    for (GraphVertex vertex : conf.getVertices().values()) {
      if (vertex instanceof LayerVertex layer) {
        layers.add(layer.getLayerConf().getLayer());
        if (layer.getPreProcessor() != null) {
          reshapes.add(layer.getPreProcessor());
        }
      } else if (vertex instanceof PreprocessorVertex reshape) {
        reshapes.add(reshape.getPreProcessor());
      } else if (vertex instanceof MergeVertex merge
          && (merge.getMergeAxis() == -1 || merge.getMergeAxis() == 3)) {
        merge.setMergeAxis(1);
      }
    }
    ImportedNetwork.channelsFirst(layers, reshapes);
  }

  private static Optional<String> mismatch(
      ImportedModel file, ComputationGraphConfiguration conf, int inputs, int classes) {
    String where = file.format().specPath();
    for (String name : readersOfInput(conf)) {
      Optional<LayerVertex> vertex = layerVertex(conf, name);
      if (vertex.isEmpty()) {
        continue; // a vertex without a layer takes any size
      }
      Layer in = vertex.get().getLayerConf().getLayer();
      String layer = "layer '" + name + "' (" + in.getClass().getSimpleName() + ")";
      if (vertex.get().getPreProcessor() instanceof FeedForwardToCnnPreProcessor images) {
        long pixels = images.getInputHeight() * images.getInputWidth() * images.getNumChannels();
        if (pixels != inputs) {
          return Optional.of(
              where
                  + ": "
                  + layer
                  + " takes "
                  + images.getInputHeight()
                  + "x"
                  + images.getInputWidth()
                  + "x"
                  + images.getNumChannels()
                  + " images ("
                  + pixels
                  + " values), but the data has "
                  + inputs
                  + " feature columns");
        }
      } else if (in instanceof FeedForwardLayer feedForward
          && !(in instanceof DropoutLayer || in instanceof ActivationLayer)
          && feedForward.getNIn() != inputs) {
        return Optional.of(
            where
                + ": "
                + layer
                + " takes "
                + feedForward.getNIn()
                + " inputs (nIn), but the data has "
                + inputs
                + " feature columns");
      }
    }
    String outputName = outputName(conf);
    Optional<LayerVertex> outputVertex = layerVertex(conf, outputName);
    Layer out = outputVertex.map(vertex -> vertex.getLayerConf().getLayer()).orElse(null);
    if (!(out instanceof BaseOutputLayer) && !(out instanceof LossLayer)) {
      return Optional.of(
          where
              + ": the graph's output '"
              + outputName
              + "' ("
              + (out == null
                  ? conf.getVertices().get(outputName).getClass().getSimpleName()
                  : out.getClass().getSimpleName())
              + ") is not an output layer: DL4J trains a graph whose output is one (an"
              + " OutputLayer with a loss function)");
    }
    if (out instanceof FeedForwardLayer output && output.getNOut() != classes) {
      return Optional.of(
          where
              + ": the output layer '"
              + outputName
              + "' ("
              + out.getClass().getSimpleName()
              + ") has "
              + output.getNOut()
              + " outputs (nOut), but the data's label has "
              + classes
              + " classes");
    }
    return Optional.empty();
  }

  /** The variant's settings on every layer vertex and on the graph's own seed. */
  private static void apply(
      ComputationGraphConfiguration conf, ModelSpec model, RunConfig config, long seed) {
    conf.getDefaultConfiguration().setSeed(seed); // the graph draws its initial weights from it
    String output = outputName(conf);
    for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
      if (!(vertex.getValue() instanceof LayerVertex layer)) {
        continue;
      }
      String name = vertex.getKey();
      ImportedNetwork.applyToLayer(
              layer.getLayerConf(), !name.equals(output), model, config.training(), seed)
          .ifPresent(
              weighted ->
                  ImportedNetwork.inputDropout(
                      weighted, readsInput(conf, name), model, config.training()));
    }
  }

  /**
   * Whether the vertex sees the network's input before any layer with weights has changed it: it
   * reads the input directly or through vertices without weights (dropout, a merge).
   */
  private static boolean readsInput(ComputationGraphConfiguration conf, String name) {
    for (String in : conf.getVertexInputs().getOrDefault(name, List.of())) {
      if (conf.getNetworkInputs().contains(in)) {
        return true;
      }
      boolean weightless =
          layerVertex(conf, in)
              .map(vertex -> !ImportedNetwork.hasWeights(vertex.getLayerConf().getLayer()))
              .orElse(true);
      if (weightless && readsInput(conf, in)) {
        return true;
      }
    }
    return false;
  }

  /** The vertices fed directly by the network's input. */
  private static List<String> readersOfInput(ComputationGraphConfiguration conf) {
    String input = conf.getNetworkInputs().get(0);
    return conf.getVertexInputs().entrySet().stream()
        .filter(entry -> entry.getValue().contains(input))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String outputName(ComputationGraphConfiguration conf) {
    return conf.getNetworkOutputs().get(0);
  }

  private static Optional<LayerVertex> layerVertex(
      ComputationGraphConfiguration conf, String name) {
    GraphVertex vertex = conf.getVertices().get(name);
    return vertex instanceof LayerVertex layer && Objects.nonNull(layer.getLayerConf())
        ? Optional.of(layer)
        : Optional.empty();
  }
}
