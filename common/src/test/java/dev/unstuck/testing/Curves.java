package dev.unstuck.testing;

import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.LayerMetrics;
import dev.unstuck.diagnosis.NonFinite;
import dev.unstuck.diagnosis.TrainingStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Synthetic training runs: a fluent builder of {@code List<EpochMetrics>} series for detector,
 * verdict and streaming tests.
 *
 * <p>Every series starts from a <b>healthy</b> learning curve: validation balanced accuracy rises
 * from chance (epoch 1) to {@link #reaching(double) a final value} (default {@value #DEFAULT_TOP},
 * reached exactly at the last planned epoch), training loss falls from {@code ln(classes)} to 0.3,
 * gradients, dead and saturated fractions and input statistics are all unremarkable, and the last
 * epoch is {@code FINISHED}. A healthy curve triggers no detector and is LEARNING from epoch 2 on.
 *
 * <p>The static factories then bend that curve into one symptom each; the {@code with...} methods
 * do the same on any curve, so symptoms compose ({@code
 * Curves.flatAtChance().withVanishingGradients()}). Finally {@link #at}, {@link #from}, {@link
 * #until}, {@link #each} and {@link #last} override fields of single epochs:
 *
 * <pre>{@code
 * List<EpochMetrics> run = Curves.healthy().epochs(20).reaching(0.85)
 *     .at(7, e -> e.valLoss(3.0))
 *     .last(e -> e.layer(0, l -> l.deadFraction(0.9)))
 *     .build();
 * }</pre>
 *
 * Changes apply in the order they were made, after the base curve; {@link #stopAfter} and {@link
 * #running} shape which epochs are emitted and with which status.
 */
public final class Curves {
  public static final int DEFAULT_EPOCHS = 10;
  public static final double DEFAULT_TOP = 0.9;

  /** Final training loss of the healthy curve. */
  public static final double FINAL_LOSS = 0.3;

  /** The healthy curve approaches its final value with this time constant, in epochs. */
  private static final double TAU = 2.5;

  private int epochs = DEFAULT_EPOCHS;
  private int stopAfter = Integer.MAX_VALUE;
  private int numClasses = 2;
  private double majorityRate = Double.NaN;
  private double top = DEFAULT_TOP;
  private List<Integer> hidden = List.of(64, 64);
  private String activation = "relu";
  private boolean running;
  private TrainingStatus lastStatus = TrainingStatus.FINISHED;
  private final List<Change> changes = new ArrayList<>();

  private record Change(IntPredicate epochs, Consumer<Epoch> change) {}

  private Curves() {}

  // ---------------------------------------------------------------------------------------------------------
  // Factories: one symptom each (plus what necessarily comes with it, documented per factory).

  /** A run that learns: no symptom at all, LEARNING from epoch 2. */
  public static Curves healthy() {
    return new Curves();
  }

  /**
   * NOT_LEARNING: training loss flat at {@code ln(classes)}, the network predicts one class for
   * everything (recall 1 for class 0, 0 for the others), validation balanced accuracy at chance.
   * SLOW_CONVERGENCE comes with it (no epoch gains anything).
   */
  public static Curves flatAtChance() {
    return healthy().flat();
  }

  /**
   * DIVERGING: healthy until {@code epoch}, where loss and accuracies become NaN, NaN/Inf counts
   * appear (loss 1, gradients 100, parameters 200) and the run stops with status DIVERGED.
   */
  public static Curves nanDivergence(int epoch) {
    return healthy().withNanAt(epoch);
  }

  /**
   * DIVERGING by a rising loss: training loss falls to 0.5 at epoch 3, then doubles every epoch
   * (8.0 = 16x its best at epoch 7, the default length); accuracies fall back to 0.55, so
   * NOT_LEARNING comes with it.
   */
  public static Curves explodingLoss() {
    return healthy().epochs(7).withExplodingLoss();
  }

  /** EXPLODING_GRADIENTS: the first layer's gradient norm is 100x the output layer's. */
  public static Curves explodingGradients() {
    return healthy().withExplodingGradients(100);
  }

  /**
   * OSCILLATING_LOSS: validation balanced accuracy alternates 0.65 (odd epochs) and 0.75 (even
   * epochs).
   */
  public static Curves oscillating() {
    return healthy().oscillatingBetween(0.65, 0.75);
  }

  /**
   * OVERFITTING: training accuracy climbs to 0.99 while validation stops at 0.8 and validation
   * loss, best at epoch 5, climbs 10 % of that best per epoch afterwards.
   */
  public static Curves overfitting() {
    return healthy().overfit();
  }

  /**
   * CLASS_IMBALANCE_COLLAPSE: 90 % of the validation set is class 0 and the network predicts class
   * 0 for everything: accuracy 0.9, recall [1, 0], balanced accuracy 0.5. NOT_LEARNING and
   * SLOW_CONVERGENCE come with it.
   */
  public static Curves classImbalanceCollapse() {
    return healthy().majorityRate(0.9).flat();
  }

  /**
   * VANISHING_GRADIENTS: a deep sigmoid net (4 x 64) whose gradient norms fall tenfold per layer
   * towards the input: 1e-6 at layer 0, 1e-2 at the output (ratio 1e-4). Accuracy is healthy;
   * compose with {@link #flat()} for the usual not-learning picture.
   */
  public static Curves vanishingGradients() {
    return healthy().hidden(64, 64, 64, 64).activation("sigmoid").withVanishingGradients();
  }

  /** DEAD_UNITS: 85 % of layer 0's ReLU units (and 40 % of layer 1's) are dead. */
  public static Curves deadRelu() {
    return healthy().activation("relu").withDeadUnits(0.85);
  }

  /**
   * SATURATED_ACTIVATIONS: 80 % of the sigmoid activations of layer 0 (60 % of layer 1) are
   * saturated.
   */
  public static Curves saturatedSigmoid() {
    return healthy().activation("sigmoid").withSaturation(0.8);
  }

  /**
   * UNDERFITTING: balanced accuracy climbs to 0.62 (validation) / 0.63 (training) by epoch 3 and
   * stays there, training loss flat at 0.62 from epoch 3 on. LEARNING, but badly.
   */
  public static Curves underfitting() {
    return healthy().underfit(0.62);
  }

  /**
   * SLOW_CONVERGENCE: balanced accuracy gains 0.005 per epoch (from chance), while the loss falls 2
   * % per epoch - so the loss is not flat and NOT_LEARNING does not fire.
   */
  public static Curves slowConvergence() {
    return healthy().gainingPerEpoch(0.005);
  }

  /** DATA_PIPELINE_ERROR: raw features, largest |mean| 250 and largest std 1,000. */
  public static Curves unnormalisedInputs() {
    return healthy().withFeatureScale(250, 1000);
  }

  /** DATA_PIPELINE_ERROR: 12 NaN/Inf feature values in the training data every epoch. */
  public static Curves nanInputs() {
    return healthy().withNanInputs(12);
  }

  /**
   * Healthy runs of several kinds, by name - none may trigger any detector: 2 and 3 classes,
   * imbalanced data (majority 0.8) learnt well, sigmoid and tanh nets, a deep one, a short one (3
   * epochs), a single epoch, a long one (30 epochs, converged: the loss is flat at the end) and a
   * run still going (epoch 6 of 10).
   */
  public static Map<String, Curves> healthyVariety() {
    Map<String, Curves> curves = new LinkedHashMap<>();
    curves.put("2 classes, 10 epochs", healthy());
    curves.put("3 classes", healthy().classes(3).reaching(0.8));
    curves.put("imbalanced 80/20, learnt", healthy().majorityRate(0.8));
    curves.put("sigmoid", healthy().activation("sigmoid"));
    curves.put("tanh", healthy().activation("tanh"));
    curves.put("deep relu", healthy().hidden(128, 64, 64, 32));
    curves.put("3 epochs", healthy().epochs(3));
    curves.put("1 epoch", healthy().epochs(1));
    curves.put("30 epochs, converged", healthy().epochs(30));
    curves.put("running, epoch 6 of 10", healthy().stopAfter(6).running());
    return curves;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Shape of the run.

  /** Planned epochs (the base curve reaches its final value at the last one). */
  public Curves epochs(int planned) {
    if (planned < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + planned);
    }
    this.epochs = planned;
    return this;
  }

  /** Emit only epochs 1..epoch of the planned ones (a run that ended or is still going). */
  public Curves stopAfter(int epoch) {
    this.stopAfter = epoch;
    return this;
  }

  /** Every emitted epoch has status RUNNING: the run has not ended (yet). */
  public Curves running() {
    this.running = true;
    return this;
  }

  /** Status of the last emitted epoch (default FINISHED; every earlier epoch is RUNNING). */
  public Curves endingWith(TrainingStatus status) {
    this.lastStatus = status;
    this.running = false;
    return this;
  }

  /**
   * Number of label classes (chance = 1/classes); the base validation set is balanced unless
   * overridden.
   */
  public Curves classes(int classes) {
    this.numClasses = classes;
    return this;
  }

  /** Share of the most frequent class in the validation set (default 1/classes: balanced). */
  public Curves majorityRate(double rate) {
    this.majorityRate = rate;
    return this;
  }

  /**
   * Final validation balanced accuracy of the base curve, reached exactly at the last planned
   * epoch.
   */
  public Curves reaching(double finalValBalancedAccuracy) {
    this.top = finalValBalancedAccuracy;
    return this;
  }

  /** Hidden layer widths (default 64, 64); the layer list is these plus a softmax output layer. */
  public Curves hidden(Integer... widths) {
    this.hidden = List.of(widths);
    return this;
  }

  /** Activation of the hidden layers (default relu). */
  public Curves activation(String name) {
    this.activation = name;
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Symptom shapes, composable.

  /** Nothing is learnt: see {@link #flatAtChance()}. */
  public Curves flat() {
    return each(Epoch::atChance);
  }

  /** Loss and metrics NaN at {@code epoch}, NaN counts, status DIVERGED; no epochs after it. */
  public Curves withNanAt(int epoch) {
    stopAfter(epoch);
    return at(
        epoch,
        e ->
            e.trainLoss(Double.NaN)
                .valLoss(Double.NaN)
                .trainAccuracy(Double.NaN)
                .trainBalancedAccuracy(Double.NaN)
                .valAccuracy(Double.NaN)
                .valBalancedAccuracy(Double.NaN)
                .valPerClassRecall(new double[0])
                .nonFinite(new NonFinite(1, 100, 200, 0))
                .eachLayer(
                    l ->
                        l.gradientNorm(Double.NaN)
                            .meanAbsGradient(Double.NaN)
                            .weightMean(Double.NaN)
                            .weightStd(Double.NaN))
                .status(TrainingStatus.DIVERGED));
  }

  /** See {@link #explodingLoss()}. */
  public Curves withExplodingLoss() {
    double[] early = {0.7, 0.6, 0.5};
    return each(
        e -> {
          int n = e.epoch();
          if (n <= 3) {
            e.trainLoss(early[n - 1]).valLoss(early[n - 1] + 0.02);
          } else {
            double loss = 0.5 * Math.pow(2, n - 3);
            e.trainLoss(loss).valLoss(loss * 1.1).accuracy(0.55, 0.55);
          }
        });
  }

  /** First-layer gradient norm {@code ratio} times the output layer's (1.0). */
  public Curves withExplodingGradients(double ratio) {
    return each(
        e -> {
          int layers = e.layers().size();
          for (int i = 0; i < layers; i++) {
            double norm = i == layers - 1 ? 1.0 : ratio / Math.pow(2, i);
            e.layer(i, l -> l.gradientNorm(norm).meanAbsGradient(norm / 100));
          }
        });
  }

  /**
   * Gradient norms 1e-6 at layer 0, tenfold more per layer towards the output; mean |gradient| a
   * fifth of that.
   */
  public Curves withVanishingGradients() {
    return each(
        e -> {
          for (int i = 0; i < e.layers().size(); i++) {
            double norm = 1e-6 * Math.pow(10, i);
            e.layer(i, l -> l.gradientNorm(norm).meanAbsGradient(norm / 5));
          }
        });
  }

  /**
   * Dead fraction of layer 0 rising linearly to {@code fractionAtEnd} at the last planned epoch.
   */
  public Curves withDeadUnits(double fractionAtEnd) {
    return each(
        e -> {
          double share = (double) e.epoch() / epochs;
          e.layer(0, l -> l.deadFraction(fractionAtEnd * share));
          if (e.layers().size() > 2) {
            e.layer(1, l -> l.deadFraction(0.4 * share));
          }
        });
  }

  /**
   * Saturated fraction of layer 0 rising linearly to {@code fractionAtEnd} at the last planned
   * epoch.
   */
  public Curves withSaturation(double fractionAtEnd) {
    return each(
        e -> {
          double share = (double) e.epoch() / epochs;
          e.layer(0, l -> l.saturatedFraction(fractionAtEnd * share));
          if (e.layers().size() > 2) {
            e.layer(1, l -> l.saturatedFraction(0.6 * share));
          }
        });
  }

  /**
   * Validation (and training, +0.02) balanced accuracy alternating: {@code odd} on odd epochs, else
   * {@code even}.
   */
  public Curves oscillatingBetween(double odd, double even) {
    return each(
        e -> {
          double val = e.epoch() % 2 == 1 ? odd : even;
          e.accuracy(Math.min(1, val + 0.02), val);
        });
  }

  /** See {@link #overfitting()}. */
  public Curves overfit() {
    reaching(0.8);
    return each(
        e -> {
          double p = progress(e.epoch());
          double train = e.chance() + (0.99 - e.chance()) * p;
          e.trainAccuracy(train)
              .trainBalancedAccuracy(train)
              .trainLoss(0.05 + (e.trainLoss() - 0.05) * (1 - p));
          if (e.epoch() > 5) {
            e.valLoss(valLossAt(5) * (1 + 0.1 * (e.epoch() - 5)));
          }
        });
  }

  /** See {@link #underfitting()}: stuck at {@code level} balanced accuracy from epoch 3. */
  public Curves underfit(double level) {
    return each(
        e -> {
          double share = Math.min(1.0, e.epoch() / 3.0);
          double val = e.chance() + (level - e.chance()) * share;
          e.accuracy(val + 0.01, val);
          e.trainLoss(e.epoch() >= 3 ? level : 0.8 - 0.05 * e.epoch())
              .valLoss(e.trainLoss() + 0.01);
        });
  }

  /** Balanced accuracy = chance + gain x epoch; loss falling 2 % per epoch. */
  public Curves gainingPerEpoch(double gain) {
    return each(
        e -> {
          double val = e.chance() + gain * e.epoch();
          e.accuracy(val, val);
          e.trainLoss(Math.log(numClasses) * Math.pow(0.98, e.epoch() - 1))
              .valLoss(e.trainLoss() + 0.01);
        });
  }

  /** Input statistics as the network sees them. */
  public Curves withFeatureScale(double maxAbsMean, double maxStd) {
    return each(e -> e.maxAbsFeatureMean(maxAbsMean).maxFeatureStd(maxStd));
  }

  /** {@code count} NaN/Inf feature values every epoch. */
  public Curves withNanInputs(long count) {
    return each(
        e ->
            e.nonFinite(
                new NonFinite(
                    e.nonFinite().loss(),
                    e.nonFinite().gradients(),
                    e.nonFinite().parameters(),
                    count)));
  }

  /** Epochs 1..epoch flat at chance (see {@link Epoch#atChance()}); learning starts after. */
  public Curves notLearningUntil(int epoch) {
    return until(epoch, Epoch::atChance);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Per-epoch overrides.

  /** Changes epoch {@code epoch} (1-based). */
  public Curves at(int epoch, Consumer<Epoch> change) {
    return where(n -> n == epoch, change);
  }

  /** Changes every epoch from {@code epoch} on. */
  public Curves from(int epoch, Consumer<Epoch> change) {
    return where(n -> n >= epoch, change);
  }

  /** Changes every epoch up to and including {@code epoch}. */
  public Curves until(int epoch, Consumer<Epoch> change) {
    return where(n -> n <= epoch, change);
  }

  /** Changes every epoch. */
  public Curves each(Consumer<Epoch> change) {
    return where(n -> true, change);
  }

  /** Changes the last emitted epoch. */
  public Curves last(Consumer<Epoch> change) {
    return where(n -> n == lastEmitted(), change);
  }

  /** Changes the epochs {@code which} accepts. */
  public Curves where(IntPredicate which, Consumer<Epoch> change) {
    changes.add(new Change(which, change));
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Output.

  /** The series, oldest first. */
  public List<EpochMetrics> build() {
    List<EpochMetrics> series = new ArrayList<>();
    int lastEpoch = lastEmitted();
    for (int n = 1; n <= lastEpoch; n++) {
      Epoch epoch = base(n, lastEpoch);
      for (Change change : changes) {
        if (change.epochs().test(n)) {
          change.change().accept(epoch);
        }
      }
      series.add(epoch.toMetrics());
    }
    return Collections.unmodifiableList(series);
  }

  /** The last epoch of {@link #build()}. */
  public EpochMetrics lastEpoch() {
    List<EpochMetrics> series = build();
    return series.get(series.size() - 1);
  }

  private int lastEmitted() {
    return Math.min(epochs, stopAfter);
  }

  /**
   * 0 at epoch 1, exactly 1 at the last planned epoch, rising like 1 - exp(-t / TAU) in between.
   */
  private double progress(int epoch) {
    if (epochs == 1) {
      return 1;
    }
    return (1 - Math.exp(-(epoch - 1) / TAU)) / (1 - Math.exp(-(epochs - 1) / TAU));
  }

  private double chance() {
    return 1.0 / numClasses;
  }

  private double startLoss() {
    return Math.log(numClasses);
  }

  private double valLossAt(int epoch) {
    return FINAL_LOSS + (startLoss() - FINAL_LOSS) * (1 - progress(epoch)) + 0.02;
  }

  private Epoch base(int n, int lastEpoch) {
    double p = progress(n);
    double val = chance() + (top - chance()) * p;
    double train = Math.min(1.0, val + 0.02 * p);
    TrainingStatus status = running || n < lastEpoch ? TrainingStatus.RUNNING : lastStatus;
    Epoch epoch =
        new Epoch(n, status, numClasses, Double.isNaN(majorityRate) ? chance() : majorityRate);
    epoch
        .trainLoss(FINAL_LOSS + (startLoss() - FINAL_LOSS) * (1 - p))
        .valLoss(valLossAt(n))
        .accuracy(train, val);
    for (int i = 0; i < hidden.size(); i++) {
      epoch.layers.add(new Layer(i, "dense", activation, hidden.get(i), 0.05 + 0.01 * i));
    }
    epoch.layers.add(new Layer(hidden.size(), "output", "softmax", numClasses, 0.1));
    return epoch;
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * One epoch while it is being built: every field readable ({@code trainLoss()}) and settable
   * ({@code trainLoss(x)}).
   */
  public static final class Epoch {
    private final int epoch;
    private TrainingStatus status;
    private int numClasses;
    private double trainLoss;
    private double valLoss;
    private double trainAccuracy;
    private double trainBalancedAccuracy;
    private double valAccuracy;
    private double valBalancedAccuracy;
    private List<Double> valPerClassRecall = new ArrayList<>();
    private double majorityClassRate;
    private final List<Layer> layers = new ArrayList<>();
    private NonFinite nonFinite = NonFinite.NONE;
    private double maxAbsFeatureMean = 0.5;
    private double maxFeatureStd = 1.0;

    Epoch(int epoch, TrainingStatus status, int numClasses, double majorityClassRate) {
      this.epoch = epoch;
      this.status = status;
      this.numClasses = numClasses;
      this.majorityClassRate = majorityClassRate;
    }

    public int epoch() {
      return epoch;
    }

    public double chance() {
      return 1.0 / numClasses;
    }

    /**
     * Training and validation (balanced) accuracy at once, with every class recalled equally well:
     * plain accuracy equals balanced accuracy, whatever the class balance.
     */
    public Epoch accuracy(double train, double val) {
      trainAccuracy = train;
      trainBalancedAccuracy = train;
      valAccuracy = val;
      valBalancedAccuracy = val;
      valPerClassRecall = new ArrayList<>(Collections.nCopies(numClasses, val));
      return this;
    }

    /**
     * A network that predicts class 0 (the majority class) for everything: recall [1, 0, ...],
     * accuracy the majority rate, balanced accuracy chance, training loss flat at ln(classes).
     */
    public Epoch atChance() {
      List<Double> recall = new ArrayList<>(Collections.nCopies(numClasses, 0.0));
      recall.set(0, 1.0);
      valPerClassRecall = recall;
      trainAccuracy = majorityClassRate;
      valAccuracy = majorityClassRate;
      trainBalancedAccuracy = chance();
      valBalancedAccuracy = chance();
      trainLoss = Math.log(numClasses);
      valLoss = trainLoss + 0.001;
      return this;
    }

    public TrainingStatus status() {
      return status;
    }

    public Epoch status(TrainingStatus value) {
      status = value;
      return this;
    }

    public int numClasses() {
      return numClasses;
    }

    public Epoch numClasses(int value) {
      numClasses = value;
      return this;
    }

    public double trainLoss() {
      return trainLoss;
    }

    public Epoch trainLoss(double value) {
      trainLoss = value;
      return this;
    }

    public double valLoss() {
      return valLoss;
    }

    public Epoch valLoss(double value) {
      valLoss = value;
      return this;
    }

    public double trainAccuracy() {
      return trainAccuracy;
    }

    public Epoch trainAccuracy(double value) {
      trainAccuracy = value;
      return this;
    }

    public double trainBalancedAccuracy() {
      return trainBalancedAccuracy;
    }

    public Epoch trainBalancedAccuracy(double value) {
      trainBalancedAccuracy = value;
      return this;
    }

    public double valAccuracy() {
      return valAccuracy;
    }

    public Epoch valAccuracy(double value) {
      valAccuracy = value;
      return this;
    }

    public double valBalancedAccuracy() {
      return valBalancedAccuracy;
    }

    public Epoch valBalancedAccuracy(double value) {
      valBalancedAccuracy = value;
      return this;
    }

    public List<Double> valPerClassRecall() {
      return List.copyOf(valPerClassRecall);
    }

    public Epoch valPerClassRecall(double... recall) {
      valPerClassRecall = new ArrayList<>();
      for (double r : recall) {
        valPerClassRecall.add(r);
      }
      return this;
    }

    public double majorityClassRate() {
      return majorityClassRate;
    }

    public Epoch majorityClassRate(double value) {
      majorityClassRate = value;
      return this;
    }

    public NonFinite nonFinite() {
      return nonFinite;
    }

    public Epoch nonFinite(NonFinite value) {
      nonFinite = value;
      return this;
    }

    public double maxAbsFeatureMean() {
      return maxAbsFeatureMean;
    }

    public Epoch maxAbsFeatureMean(double value) {
      maxAbsFeatureMean = value;
      return this;
    }

    public double maxFeatureStd() {
      return maxFeatureStd;
    }

    public Epoch maxFeatureStd(double value) {
      maxFeatureStd = value;
      return this;
    }

    /** The layers, input side first; the last is the output layer. */
    public List<Layer> layers() {
      return Collections.unmodifiableList(layers);
    }

    /** Changes layer {@code index}. */
    public Epoch layer(int index, Consumer<Layer> change) {
      change.accept(layers.get(index));
      return this;
    }

    /** Changes every layer. */
    public Epoch eachLayer(Consumer<Layer> change) {
      layers.forEach(change);
      return this;
    }

    /** Replaces the layers. */
    public Epoch layers(List<Layer> value) {
      layers.clear();
      layers.addAll(value);
      return this;
    }

    EpochMetrics toMetrics() {
      return new EpochMetrics(
          epoch,
          status,
          numClasses,
          trainLoss,
          valLoss,
          trainAccuracy,
          trainBalancedAccuracy,
          valAccuracy,
          valBalancedAccuracy,
          valPerClassRecall,
          majorityClassRate,
          layers.stream().map(Layer::toMetrics).toList(),
          nonFinite,
          maxAbsFeatureMean,
          maxFeatureStd);
    }
  }

  /**
   * One layer's statistics while being built. Defaults: gradient norm as given, mean |gradient|
   * 1e-3, update ratio 1e-3, weights mean 0 / std 0.1, dead fraction 0.05 for relu (NaN otherwise),
   * saturated fraction 0.05 for sigmoid/tanh (NaN otherwise).
   */
  public static final class Layer {
    private final int index;
    private final String kind;
    private final String activation;
    private final int units;
    private double gradientNorm;
    private double meanAbsGradient = 1e-3;
    private double updateRatio = 1e-3;
    private double weightMean = 0;
    private double weightStd = 0.1;
    private double deadFraction;
    private double saturatedFraction;

    /** A layer with the defaults above. */
    public Layer(int index, String kind, String activation, int units, double gradientNorm) {
      this.index = index;
      this.kind = kind;
      this.activation = activation;
      this.units = units;
      this.gradientNorm = gradientNorm;
      this.deadFraction = activation.equals("relu") ? 0.05 : Double.NaN;
      this.saturatedFraction =
          activation.equals("sigmoid") || activation.equals("tanh") ? 0.05 : Double.NaN;
    }

    public int index() {
      return index;
    }

    public String activation() {
      return activation;
    }

    public double gradientNorm() {
      return gradientNorm;
    }

    public Layer gradientNorm(double value) {
      gradientNorm = value;
      return this;
    }

    public double meanAbsGradient() {
      return meanAbsGradient;
    }

    public Layer meanAbsGradient(double value) {
      meanAbsGradient = value;
      return this;
    }

    public Layer updateRatio(double value) {
      updateRatio = value;
      return this;
    }

    public Layer weightMean(double value) {
      weightMean = value;
      return this;
    }

    public Layer weightStd(double value) {
      weightStd = value;
      return this;
    }

    public double deadFraction() {
      return deadFraction;
    }

    public Layer deadFraction(double value) {
      deadFraction = value;
      return this;
    }

    public double saturatedFraction() {
      return saturatedFraction;
    }

    public Layer saturatedFraction(double value) {
      saturatedFraction = value;
      return this;
    }

    public LayerMetrics toMetrics() {
      return new LayerMetrics(
          index,
          kind,
          activation,
          units,
          gradientNorm,
          meanAbsGradient,
          updateRatio,
          weightMean,
          weightStd,
          deadFraction,
          saturatedFraction);
    }
  }
}
