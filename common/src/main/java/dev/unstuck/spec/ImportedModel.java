package dev.unstuck.spec;

import java.util.List;

/**
 * A network the user brought ({@code model: {dl4j: PATH}} or {@code model: {keras: PATH}}): the
 * configuration text as read when the spec was parsed, so every variant is built from the same file
 * even if it changes on disk.
 *
 * @param path the file as resolved against the spec's folder
 * @param json the configuration: the file's text, or a DL4J model zip's {@code configuration.json}
 * @param layers the class name of each layer in order, as the file names them ({@code Dense},
 *     {@code Conv2D} in Keras, {@code DenseLayer}, {@code OutputLayer} in DL4J; Keras' InputLayer
 *     and a graph's vertices without weights, such as a merge, left out), the output layer last:
 *     what decides whether an architecture fix can apply without building the network
 * @param graph whether the network is a graph of layers (a DL4J ComputationGraph, a functional
 *     Keras model) rather than a sequence; it has one input and one output either way
 */
public record ImportedModel(
    Format format, String path, String json, List<String> layers, boolean graph) {

  public ImportedModel {
    layers = List.copyOf(layers);
  }

  /** How the file describes the network, named by its key under {@code model:}. */
  public enum Format {
    /**
     * A DL4J {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration} as {@code
     * conf.toJson()} writes it, or a ModelSerializer zip of either.
     */
    DL4J("dl4j"),
    /**
     * A Keras model's architecture as {@code model.to_json()} writes it: Sequential or functional.
     */
    KERAS("keras");

    private final String key;

    Format(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The spec path problems with the file are reported at, e.g. {@code model.keras}. */
    public String specPath() {
      return "model." + key;
    }
  }

  /**
   * The file and its layers, not its text: a run's configuration is logged and compared by this.
   */
  @Override
  public String toString() {
    return "ImportedModel["
        + format.key()
        + " "
        + path
        + (graph ? ", graph" : "")
        + ", layers "
        + layers
        + ", "
        + json.length()
        + " chars]";
  }

  /**
   * Whether a layer before the output layer has weights and an activation an activation fix could
   * change.
   */
  public boolean hasHiddenLayerWithActivation() {
    return layers.subList(0, Math.max(0, layers.size() - 1)).stream()
        .anyMatch(ImportedModel::hasActivation);
  }

  private static boolean hasActivation(String layer) {
    return switch (layer) {
      case "Dense", "Conv1D", "Conv2D", "DenseLayer", "ConvolutionLayer", "Convolution1DLayer" ->
          true;
      default -> false;
    };
  }
}
