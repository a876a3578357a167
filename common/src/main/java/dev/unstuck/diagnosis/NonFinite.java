package dev.unstuck.diagnosis;

/** NaN/Inf counts seen in one epoch's measurement. */
public record NonFinite(long loss, long gradients, long parameters, long inputs) {
  public static final NonFinite NONE = new NonFinite(0, 0, 0, 0);

  public boolean inTraining() {
    return loss > 0 || gradients > 0 || parameters > 0;
  }
}
