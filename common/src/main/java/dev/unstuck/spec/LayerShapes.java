package dev.unstuck.spec;

import java.util.List;

/**
 * Follows the shape of the rows through {@code model.layers} as DL4J will connect them (an image of
 * height x width x channels until a dense layer or {@code flatten} makes it flat), and reports, at
 * the layer's path, what DL4J could not build: a convolution or pooling without image rows, after
 * the rows were made flat, or with a window larger than its input.
 */
final class LayerShapes {
  private LayerShapes() {}

  /**
   * @param inputShape [height, width, channels] from {@code data.shape}, or empty for plain feature
   *     rows
   */
  static void check(List<LayerReader.Entry> entries, List<Integer> inputShape, Problems problems) {
    boolean image = !inputShape.isEmpty();
    int height = image ? inputShape.get(0) : 0;
    int width = image ? inputShape.get(1) : 0;
    int channels = image ? inputShape.get(2) : 0;
    String flattenedBy = null;
    String inputOf = "data.shape";
    for (LayerReader.Entry entry : entries) {
      LayerSpec layer = entry.layer();
      String name = SpecEnums.yamlName(layer.type());
      if (layer.type().needsImage()) {
        if (inputShape.isEmpty()) {
          problems.add(
              entry.path(),
              entry.node(),
              name
                  + " needs image rows: set data.shape: [height, width, "
                  + "channels] (e.g. [28, 28, 1]) to read each row's columns as an image");
          return;
        }
        if (!image) {
          problems.add(
              entry.path(),
              entry.node(),
              name
                  + " after "
                  + flattenedBy
                  + ", which made the rows flat: "
                  + "convolutions and pooling need an image, so they go before any dense layer or flatten");
          return;
        }
        int kernelHeight = layer.kernel().get(0);
        int kernelWidth = layer.kernel().get(1);
        if (kernelHeight > height || kernelWidth > width) {
          problems.add(
              entry.path() + ".kernel",
              entry.kernelNode(),
              "kernel "
                  + kernelHeight
                  + "x"
                  + kernelWidth
                  + " is larger than its input "
                  + height
                  + "x"
                  + width
                  + " ("
                  + inputOf
                  + ")");
          return;
        }
        height = outputSize(height, kernelHeight, layer.stride().get(0), layer.padding());
        width = outputSize(width, kernelWidth, layer.stride().get(1), layer.padding());
        if (layer.type() == LayerType.CONV2D) {
          channels = layer.filters();
        }
      } else if (layer.type() == LayerType.DENSE) {
        image = false;
        flattenedBy = "a dense layer (" + entry.path() + ")";
      } else if (layer.type() == LayerType.FLATTEN) {
        if (!image) {
          problems.add(
              entry.path(),
              entry.node(),
              "nothing to flatten: the rows are already flat here"
                  + (flattenedBy == null ? " (no data.shape)" : " (after " + flattenedBy + ")"));
          return;
        }
        image = false;
        flattenedBy = "flatten (" + entry.path() + ")";
      }
      inputOf = "the output of " + entry.path() + ", " + height + "x" + width + "x" + channels;
    }
  }

  /** The output length along one dimension, as DL4J computes it (Same, and Truncate for valid). */
  static int outputSize(int input, int kernel, int stride, Padding padding) {
    return padding == Padding.SAME ? (input + stride - 1) / stride : (input - kernel) / stride + 1;
  }
}
