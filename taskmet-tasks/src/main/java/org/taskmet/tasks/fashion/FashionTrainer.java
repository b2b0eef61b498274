package org.taskmet.tasks.fashion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.loss.SoftmaxCrossEntropy;
import org.taskmet.core.mtl.AggregatedStep;
import org.taskmet.core.mtl.HeadGradients;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.TaskLoss;
import org.taskmet.core.mtl.flat.FlatRegionStep;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.ImageShape;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.MultiLeNet;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.optim.Adam;

/**
 * The training loop of the image multi-task benchmarks: a shared trunk (the convolutional MultiLeNet, or an MLP)
 * with one linear softmax head per task ({@link MultiTaskNetwork}), trained with Adam on the aggregated per-task
 * gradients, optionally with FS-MTL's task-based flat-region gradient, with model selection on a validation set.
 *
 * <p>One step: per-task losses ℓ_k and gradients g_k (shared) and h_k (head k); the shared direction is
 * d = A({g_k}) ({@link AggregatedStep}); with FS-MTL ({@link FlatRegionStep}, decomposed) it is
 * d = A({g_k}) + A'({g_k^SAM − g_k}) with A' a second, independent instance of the same aggregator. Head k always
 * gets its own unweighted task gradient: h_k, or h_k^SAM under FS-MTL (the FS-MTL convention, used for both
 * options so they differ only in flatness). Adam (one optimizer over all parameters; the FS-MTL code's separate
 * trunk and head Adams give the same update, Adam being per coordinate) then updates θ.
 *
 * <p>Batches: when every task labels every image (MultiFashion) a step takes {@code batchSize} images that all
 * tasks share (one trunk forward, one backward per task) and an epoch is one pass over the shuffled training
 * images. When tasks have their own example pools (the balanced one-vs-rest tasks) a step takes
 * {@code batchSize} examples <em>per task</em>, each task cycling through its own reshuffled pool, and an epoch is
 * as many steps as the largest pool needs.
 *
 * <p>Model selection: the network is evaluated on the validation set {@code evaluationsPerEpoch} times per epoch
 * and at the last step; the parameters with the best mean validation accuracy over tasks (the first, on ties) are
 * the selected model, evaluated once on the test set. The last step's parameters are evaluated on the test set
 * too, for comparison.
 */
public final class FashionTrainer {
  private FashionTrainer() {}

  /** The shared trunk: {@link Kind#LENET} (MultiLeNet on the images) or {@link Kind#MLP} (ReLU after each layer). */
  public record Trunk(Kind kind, int[] hiddenWidths) {
    /** Trunk architectures. */
    public enum Kind {
      LENET("lenet"),
      MLP("mlp");

      private final String label;

      Kind(String label) {
        this.label = label;
      }

      public String label() {
        return label;
      }

      /** {@code "lenet"} or {@code "mlp"}, case-insensitive. */
      public static Kind byLabel(String s) {
        String key = s.trim().toLowerCase(Locale.ROOT);
        for (Kind k : values()) {
          if (k.label.equals(key)) {
            return k;
          }
        }
        throw new IllegalArgumentException("unknown trunk '" + s + "', expected lenet or mlp");
      }
    }

    public Trunk {
      if (kind == Kind.MLP && hiddenWidths.length == 0) {
        throw new IllegalArgumentException("an MLP trunk needs at least one hidden width");
      }
      for (int w : hiddenWidths) {
        if (w < 1) {
          throw new IllegalArgumentException("hidden widths must be >= 1, got " + w);
        }
      }
      hiddenWidths = hiddenWidths.clone();
    }

    public static Trunk lenet() {
      return new Trunk(Kind.LENET, new int[0]);
    }

    public static Trunk mlp(int... widths) {
      return new Trunk(Kind.MLP, widths);
    }

    /** The trunk for images of {@code height × width}. */
    public Model build(int height, int width) {
      if (kind == Kind.LENET) {
        return MultiLeNet.trunk(new ImageShape(1, height, width));
      }
      int[] widths = new int[hiddenWidths.length + 1];
      widths[0] = height * width;
      System.arraycopy(hiddenWidths, 0, widths, 1, hiddenWidths.length);
      return new Sequential(widths, Collections.nCopies(hiddenWidths.length, Activation.RELU),
          Initialization.pytorchDefault());
    }

    /** e.g. {@code "lenet"} or {@code "mlp-256-100"}. */
    public String describe() {
      StringBuilder sb = new StringBuilder(kind.label());
      for (int w : hiddenWidths) {
        sb.append('-').append(w);
      }
      return sb.toString();
    }
  }

  /**
   * @param trunk the shared trunk
   * @param batchSize images per step (shared batches) or examples per task per step (per-task pools)
   * @param epochs training epochs (the last partial batch of a shared-batch epoch is dropped)
   * @param learningRate Adam's step size (PyTorch defaults otherwise)
   * @param flatness plain or FS-MTL
   * @param rho FS-MTL perturbation radius (&gt; 0; unused without flatness)
   * @param adaptive ASAM scaling T = |θ| of the perturbation
   * @param perturbationNorm FS-MTL: trunk and head perturbed jointly (the MultiFashion code) or separately
   * @param evaluationsPerEpoch validation evaluations per epoch (model selection), ≥ 1
   * @param traceEvery record the aggregator's task weights every this many steps
   */
  public record Settings(Trunk trunk, int batchSize, int epochs, double learningRate, Flatness flatness, double rho,
      boolean adaptive, PerturbationNorm perturbationNorm, int evaluationsPerEpoch, int traceEvery) {
    public Settings {
      if (trunk == null || flatness == null || perturbationNorm == null) {
        throw new IllegalArgumentException("trunk, flatness and perturbationNorm must be set");
      }
      if (batchSize < 1 || epochs < 1 || traceEvery < 1 || evaluationsPerEpoch < 1) {
        throw new IllegalArgumentException("batchSize, epochs, evaluationsPerEpoch and traceEvery must be >= 1, got "
            + batchSize + ", " + epochs + ", " + evaluationsPerEpoch + ", " + traceEvery);
      }
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
      }
      if (!(rho > 0) || !Double.isFinite(rho)) {
        throw new IllegalArgumentException("rho must be finite and > 0, got " + rho);
      }
    }
  }

  /** Training, validation (may be {@code null}: no selection, the last step is the model) and test sets. */
  public record Splits(MultiTaskImages train, MultiTaskImages validation, MultiTaskImages test) {
    public Splits {
      check("test", train, test);
      if (validation != null) {
        check("validation", train, validation);
      }
    }

    private static void check(String what, MultiTaskImages train, MultiTaskImages other) {
      if (train.taskCount() != other.taskCount() || train.pixelsPerImage() != other.pixelsPerImage()
          || !Arrays.equals(train.classCounts(), other.classCounts())) {
        throw new IllegalArgumentException("train and " + what + " sets differ: " + train.taskCount() + " vs "
            + other.taskCount() + " tasks, " + train.pixelsPerImage() + " vs " + other.pixelsPerImage() + " pixels");
      }
    }
  }

  /**
   * What a training run produced.
   *
   * @param test test scores of the selected model (best mean validation accuracy)
   * @param finalTest test scores of the parameters after the last step
   * @param selectedStep the step after which the selected model was taken (1-based: steps taken so far)
   * @param steps optimizer steps
   * @param trainSeconds wall time of the training steps (evaluations excluded)
   * @param trainCpuSeconds CPU time of the training thread for the same steps
   * @param evaluationSteps the steps at which the validation set was scored
   * @param validationAccuracy per evaluation, the validation accuracy of every task
   * @param traceSteps the steps at which weights were recorded
   * @param traceWeights the aggregator's task weights at those steps (one row per recorded step)
   * @param finalWeights the task weights of the last step
   * @param finalTrainLosses the minibatch losses ℓ_k of the last step
   */
  public record Outcome(Scores test, Scores finalTest, int selectedStep, int steps, double trainSeconds,
      double trainCpuSeconds, int[] evaluationSteps, double[][] validationAccuracy, int[] traceSteps,
      double[][] traceWeights, double[] finalWeights, double[] finalTrainLosses) {
    public double[] testAccuracy() {
      return test.accuracy();
    }

    public double[] testBalancedAccuracy() {
      return test.balancedAccuracy();
    }
  }

  /** Trains without a validation set (the last step is the model). */
  public static Outcome train(MultiTaskImages train, MultiTaskImages test, Supplier<GradientAggregator> aggregators,
      Settings settings, long seed) {
    return train(new Splits(train, null, test), aggregators, settings, seed, ProgressListener.NONE);
  }

  /**
   * Trains on {@code data.train()}, selects on {@code data.validation()}, scores on {@code data.test()}.
   *
   * @param aggregators makes a fresh aggregator (called once, twice under FS-MTL)
   * @param seed initialization, minibatch order and aggregator randomness all derive from it
   * @param progress told the step count after every evaluation
   */
  public static Outcome train(Splits data, Supplier<GradientAggregator> aggregators, Settings settings, long seed,
      ProgressListener progress) {
    MultiTaskImages train = data.train();
    Batches batches = train.allLabelled() ? new SharedBatches(train, settings.batchSize())
        : new PerTaskBatches(train, settings.batchSize());
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom initRng = root.split();
    SplittableRandom orderRng = root.split();
    SplittableRandom aggregatorRng = root.split();

    MultiTaskNetwork net = network(settings.trunk().build(train.height(), train.width()), train.classCounts());
    double[] theta = net.initialParameters(initRng);
    Adam adam = new Adam(theta.length, settings.learningRate());
    MultiTaskStep stepRule = settings.flatness() == Flatness.FS_MTL
        ? new FlatRegionStep(net, aggregators.get(), aggregators.get(), settings.rho(), settings.adaptive(),
            settings.perturbationNorm(), FlatRegionStep.Combination.DECOMPOSED)
        : new AggregatedStep(net, aggregators.get(), HeadGradients.UNWEIGHTED);

    int k = train.taskCount();
    int stepsPerEpoch = batches.stepsPerEpoch();
    int totalSteps = stepsPerEpoch * settings.epochs();
    int evalPeriod = Math.max(1, stepsPerEpoch / settings.evaluationsPerEpoch());
    // between evaluations too, so a long epoch still moves the sweep's progress bar
    int progressPeriod = Math.max(1, totalSteps / 200);
    String lastValidation = "";
    List<Integer> traceSteps = new ArrayList<>();
    List<double[]> traceWeights = new ArrayList<>();
    List<Integer> evalSteps = new ArrayList<>();
    List<double[]> validation = new ArrayList<>();
    double[] best = theta.clone();
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestStep = 0;
    double[] lastWeights = new double[k];
    double[] lastLosses = new double[k];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long wallNanos = 0;
    long cpuNanos = 0;
    int step = 0;
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      batches.startEpoch(orderRng);
      for (int b = 0; b < stepsPerEpoch; b++) {
        long wall0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        MultiTaskUpdate update = stepRule.compute(theta, batches.next(b), aggregatorRng);
        requireFinite(update.gradient(), step);
        adam.step(theta, update.gradient());
        wallNanos += System.nanoTime() - wall0;
        cpuNanos += cpu.getCurrentThreadCpuTime() - cpu0;
        lastWeights = update.taskWeights().clone();
        lastLosses = update.losses().clone();
        if (step % settings.traceEvery() == 0) {
          traceSteps.add(step);
          traceWeights.add(lastWeights);
        }
        step++;
        boolean last = step == totalSteps;
        boolean evaluated = data.validation() != null && (step % evalPeriod == 0 || last);
        if (evaluated) {
          double[] acc = evaluate(net, theta, data.validation()).accuracy();
          evalSteps.add(step);
          validation.add(acc);
          double score = mean(acc);
          if (score > bestScore) {
            bestScore = score;
            bestStep = step;
            System.arraycopy(theta, 0, best, 0, theta.length);
          }
          lastValidation = String.format(Locale.ROOT, ", validation %.2f%%", 100 * score);
        }
        if (evaluated || step % progressPeriod == 0) {
          progress.progress(step, totalSteps, "epoch " + (epoch + 1) + "/" + settings.epochs() + lastValidation);
        }
      }
    }
    if (data.validation() == null) {
      progress.progress(step, totalSteps, "done");
      bestStep = step;
      best = theta;
    }
    Scores finalScores = evaluate(net, theta, data.test());
    Scores selected = bestStep == step ? finalScores : evaluate(net, best, data.test());
    return new Outcome(selected, finalScores, bestStep, step, wallNanos / 1e9, cpuNanos / 1e9,
        evalSteps.stream().mapToInt(Integer::intValue).toArray(), validation.toArray(new double[0][]),
        traceSteps.stream().mapToInt(Integer::intValue).toArray(), traceWeights.toArray(new double[0][]),
        lastWeights, lastLosses);
  }

  /** A shared trunk with a linear head with bias per task and mean softmax cross-entropy per task. */
  public static MultiTaskNetwork network(Model trunk, int[] classCounts) {
    List<TaskLoss> losses = Collections.nCopies(classCounts.length, crossEntropy());
    return new MultiTaskNetwork(trunk, classCounts, true, losses);
  }

  /** {@link #network(Model, int[])} with an MLP trunk on {@code inputs} features. */
  public static MultiTaskNetwork network(int inputs, int[] hiddenWidths, int[] classCounts) {
    return network(Trunk.mlp(hiddenWidths).build(1, inputs), classCounts);
  }

  /** Mean softmax cross-entropy; targets are one column of class indices stored as doubles. */
  static TaskLoss crossEntropy() {
    return (predictions, targets, gradientOut) -> {
      int[] labels = new int[targets.rows()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (int) targets.get(i, 0);
      }
      SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.evaluate(predictions, labels);
      System.arraycopy(r.logitGradient().data(), 0, gradientOut.data(), 0, gradientOut.data().length);
      return r.loss();
    };
  }

  /** The rows {@code indices} of a fully labelled set as a shared-input minibatch, one target column per task. */
  public static MultiTaskBatch batch(MultiTaskImages data, int[] indices) {
    List<Matrix> targets = new ArrayList<>();
    for (int t = 0; t < data.taskCount(); t++) {
      targets.add(labelColumn(data.labels(t, indices)));
    }
    return MultiTaskBatch.shared(data.features(indices), targets);
  }

  private static Matrix labelColumn(int[] y) {
    double[] col = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      col[i] = y[i];
    }
    return Matrix.column(col);
  }

  /** Where the minibatches of an epoch come from. */
  private interface Batches {
    int stepsPerEpoch();

    void startEpoch(SplittableRandom rng);

    MultiTaskBatch next(int stepInEpoch);
  }

  /** Every task labels every image: shuffled images, {@code batchSize} per step, shared by all tasks. */
  private static final class SharedBatches implements Batches {
    private final MultiTaskImages data;
    private final int batchSize;
    private final int[] order;

    SharedBatches(MultiTaskImages data, int batchSize) {
      if (data.count() < batchSize) {
        throw new IllegalArgumentException(
            "batchSize " + batchSize + " exceeds the " + data.count() + " training images");
      }
      this.data = data;
      this.batchSize = batchSize;
      this.order = identity(data.count());
    }

    @Override
    public int stepsPerEpoch() {
      return data.count() / batchSize;
    }

    @Override
    public void startEpoch(SplittableRandom rng) {
      shuffle(order, rng);
    }

    @Override
    public MultiTaskBatch next(int b) {
      return batch(data, Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize));
    }
  }

  /** Each task has its own examples: {@code batchSize} per task per step, each task cycling through its pool. */
  private static final class PerTaskBatches implements Batches {
    private final MultiTaskImages data;
    private final int batchSize;
    private final int[][] pools;
    private final int[] cursor;
    private SplittableRandom rng;

    PerTaskBatches(MultiTaskImages data, int batchSize) {
      this.data = data;
      this.batchSize = batchSize;
      this.pools = new int[data.taskCount()][];
      for (int k = 0; k < pools.length; k++) {
        pools[k] = data.examples(k);
        if (pools[k].length == 0) {
          throw new IllegalArgumentException("task " + data.taskNames().get(k) + " has no training examples");
        }
      }
      this.cursor = new int[pools.length];
      Arrays.fill(cursor, Integer.MAX_VALUE); // reshuffle on first use
    }

    @Override
    public int stepsPerEpoch() {
      int largest = 0;
      for (int[] p : pools) {
        largest = Math.max(largest, p.length);
      }
      return Math.max(1, largest / batchSize);
    }

    @Override
    public void startEpoch(SplittableRandom rng) {
      this.rng = rng;
    }

    @Override
    public MultiTaskBatch next(int b) {
      List<Matrix> inputs = new ArrayList<>();
      List<Matrix> targets = new ArrayList<>();
      for (int k = 0; k < pools.length; k++) {
        int[] rows = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
          if (cursor[k] >= pools[k].length) {
            shuffle(pools[k], rng);
            cursor[k] = 0;
          }
          rows[i] = pools[k][cursor[k]++];
        }
        inputs.add(data.features(rows));
        targets.add(labelColumn(data.labels(k, rows)));
      }
      return MultiTaskBatch.perTask(inputs, targets);
    }
  }

  /**
   * Per-task scores: plain accuracy and balanced accuracy (the mean over classes of the per-class recall; for
   * a binary task (TPR + TNR)/2, so predicting the majority class scores 0.5, not the majority rate), over the
   * rows each task labels. Classes absent from the data are left out of the balanced mean.
   *
   * @param accuracy fraction of correct predictions per task
   * @param balancedAccuracy macro-averaged recall per task
   */
  public record Scores(double[] accuracy, double[] balancedAccuracy) {}

  /** Scores every task on {@code data}, one trunk pass per chunk of 1000 rows. */
  public static Scores evaluate(MultiTaskNetwork net, double[] theta, MultiTaskImages data) {
    int k = data.taskCount();
    long[] seen = new long[k];
    long[] correct = new long[k];
    long[][] perClass = new long[k][];
    long[][] perClassCorrect = new long[k][];
    for (int t = 0; t < k; t++) {
      perClass[t] = new long[data.classCounts()[t]];
      perClassCorrect[t] = new long[data.classCounts()[t]];
    }
    int chunk = 1000;
    for (int from = 0; from < data.count(); from += chunk) {
      int[] rows = identity(Math.min(chunk, data.count() - from));
      for (int i = 0; i < rows.length; i++) {
        rows[i] += from;
      }
      List<Matrix> predictions = net.predictAll(theta, data.features(rows));
      for (int t = 0; t < k; t++) {
        int[] predicted = SoftmaxCrossEntropy.predictedClasses(predictions.get(t));
        int[] y = data.labels(t, rows);
        for (int i = 0; i < y.length; i++) {
          if (y[i] == MultiTaskImages.NO_LABEL) {
            continue;
          }
          seen[t]++;
          perClass[t][y[i]]++;
          if (predicted[i] == y[i]) {
            correct[t]++;
            perClassCorrect[t][y[i]]++;
          }
        }
      }
    }
    double[] acc = new double[k];
    double[] balanced = new double[k];
    for (int t = 0; t < k; t++) {
      if (seen[t] == 0) {
        throw new IllegalArgumentException("task " + data.taskNames().get(t) + " has no labelled rows to score");
      }
      acc[t] = correct[t] / (double) seen[t];
      double sum = 0;
      int present = 0;
      for (int c = 0; c < perClass[t].length; c++) {
        if (perClass[t][c] > 0) {
          sum += perClassCorrect[t][c] / (double) perClass[t][c];
          present++;
        }
      }
      balanced[t] = sum / present;
    }
    return new Scores(acc, balanced);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static void requireFinite(double[] gradient, int step) {
    for (int i = 0; i < gradient.length; i++) {
      if (!Double.isFinite(gradient[i])) {
        throw new IllegalStateException(
            "non-finite update direction at step " + step + " (parameter " + i + ": " + gradient[i] + ")");
      }
    }
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
