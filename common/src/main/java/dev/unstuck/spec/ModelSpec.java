package dev.unstuck.spec;

import java.util.List;
import java.util.Optional;

/**
 * The network: either a dense stack ({@code hidden}, the shorthand) or an ordered list of layers
 * ({@code layers}), then a softmax output sized by the label's classes. {@link #layerList} is the
 * one description the network builder reads, whichever form the spec used.
 *
 * @param layers the {@code model.layers} entries; empty when the model is given by {@code hidden}
 * @param inputShape [height, width, channels] of an image row ({@code data.shape}); empty for plain
 *     feature rows
 * @param imported the user's own network ({@code model.dl4j}, {@code model.keras}), or null for a
 *     network described by {@code hidden} or {@code layers}. An imported network keeps its own
 *     layers: {@code activation} and {@code init} are null (each layer's own) until a fix sets them
 *     for every layer, and {@code dropout}, {@code l1}, {@code l2} are 0 (the file's own) until the
 *     spec or a fix sets them.
 */
public record ModelSpec(
    List<Integer> hidden,
    Activation activation,
    WeightInit init,
    LossFunction loss,
    double dropout,
    double l1,
    double l2,
    boolean batchNorm,
    List<LayerSpec> layers,
    List<Integer> inputShape,
    ImportedModel imported) {

  public ModelSpec {
    hidden = List.copyOf(hidden);
    layers = List.copyOf(layers);
    inputShape = List.copyOf(inputShape);
  }

  /** A dense stack on plain feature rows. */
  public ModelSpec(
      List<Integer> hidden,
      Activation activation,
      WeightInit init,
      LossFunction loss,
      double dropout,
      double l1,
      double l2,
      boolean batchNorm) {
    this(hidden, activation, init, loss, dropout, l1, l2, batchNorm, List.of(), List.of(), null);
  }

  /** A network the user brought, with no setting of its own overridden yet. */
  public static ModelSpec imported(
      ImportedModel model,
      LossFunction loss,
      double dropout,
      double l1,
      double l2,
      List<Integer> inputShape) {
    return new ModelSpec(
        List.of(), null, null, loss, dropout, l1, l2, false, List.of(), inputShape, model);
  }

  /** The user's own network, when the spec gave {@code model.dl4j} or {@code model.keras}. */
  public Optional<ImportedModel> importedModel() {
    return Optional.ofNullable(imported);
  }

  public boolean isImported() {
    return imported != null;
  }

  /** Whether the spec gave {@code model.layers} rather than the {@code hidden} shorthand. */
  public boolean hasLayers() {
    return !layers.isEmpty();
  }

  /**
   * The hidden layers in order: {@code layers} as given, or {@code hidden} as dense layers of the
   * model's activation.
   */
  public List<LayerSpec> layerList() {
    return hasLayers()
        ? layers
        : hidden.stream().map(width -> LayerSpec.dense(width, null)).toList();
  }

  public ModelSpec withHidden(List<Integer> value) {
    return new ModelSpec(
        value, activation, init, loss, dropout, l1, l2, batchNorm, layers, inputShape, imported);
  }

  public ModelSpec withLayers(List<LayerSpec> value) {
    return new ModelSpec(
        hidden, activation, init, loss, dropout, l1, l2, batchNorm, value, inputShape, imported);
  }

  /**
   * That activation in every hidden layer: layers that named their own take the model's from now
   * on.
   */
  public ModelSpec withActivation(Activation value) {
    return new ModelSpec(
        hidden,
        value,
        init,
        loss,
        dropout,
        l1,
        l2,
        batchNorm,
        layers.stream().map(LayerSpec::withModelActivation).toList(),
        inputShape,
        imported);
  }

  public ModelSpec withInit(WeightInit value) {
    return new ModelSpec(
        hidden, activation, value, loss, dropout, l1, l2, batchNorm, layers, inputShape, imported);
  }

  public ModelSpec withDropout(double value) {
    return new ModelSpec(
        hidden, activation, init, loss, value, l1, l2, batchNorm, layers, inputShape, imported);
  }

  public ModelSpec withL1(double value) {
    return new ModelSpec(
        hidden,
        activation,
        init,
        loss,
        dropout,
        value,
        l2,
        batchNorm,
        layers,
        inputShape,
        imported);
  }

  public ModelSpec withL2(double value) {
    return new ModelSpec(
        hidden,
        activation,
        init,
        loss,
        dropout,
        l1,
        value,
        batchNorm,
        layers,
        inputShape,
        imported);
  }

  public ModelSpec withBatchNorm(boolean value) {
    return new ModelSpec(
        hidden, activation, init, loss, dropout, l1, l2, value, layers, inputShape, imported);
  }
}
