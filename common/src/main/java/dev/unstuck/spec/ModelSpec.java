package dev.unstuck.spec;

import java.util.List;

/** The network: dense hidden layers and a softmax output sized by the label's classes. */
public record ModelSpec(
    List<Integer> hidden,
    Activation activation,
    WeightInit init,
    LossFunction loss,
    double dropout,
    double l1,
    double l2,
    boolean batchNorm) {

  public ModelSpec {
    hidden = List.copyOf(hidden);
  }

  public ModelSpec withHidden(List<Integer> value) {
    return new ModelSpec(value, activation, init, loss, dropout, l1, l2, batchNorm);
  }

  public ModelSpec withActivation(Activation value) {
    return new ModelSpec(hidden, value, init, loss, dropout, l1, l2, batchNorm);
  }

  public ModelSpec withInit(WeightInit value) {
    return new ModelSpec(hidden, activation, value, loss, dropout, l1, l2, batchNorm);
  }

  public ModelSpec withDropout(double value) {
    return new ModelSpec(hidden, activation, init, loss, value, l1, l2, batchNorm);
  }

  public ModelSpec withL1(double value) {
    return new ModelSpec(hidden, activation, init, loss, dropout, value, l2, batchNorm);
  }

  public ModelSpec withL2(double value) {
    return new ModelSpec(hidden, activation, init, loss, dropout, l1, value, batchNorm);
  }

  public ModelSpec withBatchNorm(boolean value) {
    return new ModelSpec(hidden, activation, init, loss, dropout, l1, l2, value);
  }
}
