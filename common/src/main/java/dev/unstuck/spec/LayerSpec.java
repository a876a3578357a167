package dev.unstuck.spec;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One entry of {@code model.layers}. Only the fields of its type mean anything; the others are 0 or
 * empty.
 *
 * @param units a dense layer's width
 * @param filters a conv2d layer's output channels
 * @param kernel [height, width] of a conv2d or pooling window
 * @param stride [height, width] steps of the window
 * @param activation a dense or conv2d layer's own activation, or null for the model's {@code
 *     activation}
 * @param rate a dropout layer's probability of dropping a unit
 */
public record LayerSpec(
    LayerType type,
    int units,
    int filters,
    List<Integer> kernel,
    List<Integer> stride,
    Padding padding,
    Activation activation,
    double rate) {

  public LayerSpec {
    kernel = List.copyOf(kernel);
    stride = List.copyOf(stride);
  }

  public static LayerSpec dense(int units, Activation activation) {
    return new LayerSpec(
        LayerType.DENSE, units, 0, List.of(), List.of(), Padding.VALID, activation, 0);
  }

  public static LayerSpec conv2d(
      int filters,
      List<Integer> kernel,
      List<Integer> stride,
      Padding padding,
      Activation activation) {
    return new LayerSpec(LayerType.CONV2D, 0, filters, kernel, stride, padding, activation, 0);
  }

  /**
   * @param type {@link LayerType#MAXPOOL} or {@link LayerType#AVGPOOL}
   */
  public static LayerSpec pool(
      LayerType type, List<Integer> kernel, List<Integer> stride, Padding padding) {
    return new LayerSpec(type, 0, 0, kernel, stride, padding, null, 0);
  }

  public static LayerSpec dropout(double rate) {
    return new LayerSpec(LayerType.DROPOUT, 0, 0, List.of(), List.of(), Padding.VALID, null, rate);
  }

  /** A layer with no settings: batchnorm or flatten. */
  public static LayerSpec of(LayerType type) {
    return new LayerSpec(type, 0, 0, List.of(), List.of(), Padding.VALID, null, 0);
  }

  /** The activation this layer computes in a model whose default is {@code modelActivation}. */
  public Activation activationIn(Activation modelActivation) {
    return activation == null ? modelActivation : activation;
  }

  /**
   * The same layer with its width (dense units, conv2d filters) changed; other layers unchanged.
   */
  public LayerSpec withWidth(IntUnaryOperator change) {
    return switch (type) {
      case DENSE ->
          new LayerSpec(
              type, change.applyAsInt(units), filters, kernel, stride, padding, activation, rate);
      case CONV2D ->
          new LayerSpec(
              type, units, change.applyAsInt(filters), kernel, stride, padding, activation, rate);
      default -> this;
    };
  }

  /** The same layer computing the model's activation instead of its own. */
  public LayerSpec withModelActivation() {
    return new LayerSpec(type, units, filters, kernel, stride, padding, null, rate);
  }
}
