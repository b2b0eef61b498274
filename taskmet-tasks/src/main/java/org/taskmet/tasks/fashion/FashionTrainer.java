package org.taskmet.tasks.fashion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.loss.SoftmaxCrossEntropy;
import org.taskmet.core.mtl.AggregatedStep;
import org.taskmet.core.mtl.HeadGradients;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.flat.FlatRegionStep;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.core.mtl.TaskLoss;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.optim.Adam;

/**
 * The training loop of the Fashion benchmark: a shared MLP trunk (ReLU after every layer) with one linear
 * softmax head per task ({@link MultiTaskNetwork}), trained with Adam on the aggregated per-task
 * gradients, optionally with FS-MTL's task-based flat-region gradient.
 *
 * <p>One step on a minibatch: per-task losses ℓ_k and gradients g_k (shared) and h_k (head k) from one
 * trunk forward and K backwards; the shared direction is d = A({g_k}) ({@link AggregatedStep}); with FS-MTL
 * ({@link FlatRegionStep}, decomposed, perturbation of trunk + head k normalised jointly as in the FS-MTL
 * MultiMNIST/MultiFashion code) it is d = A({g_k}) + A'({g_k^SAM − g_k}) where A' is a second, independent
 * instance of the same aggregator. Head k always gets its own unweighted task gradient: h_k, or h_k^SAM
 * under FS-MTL (the FS-MTL convention, used for both options so they differ only in flatness). Adam (one
 * optimizer over all parameters) then updates θ.
 */
public final class FashionTrainer {
  private FashionTrainer() {}

  /**
   * @param hiddenWidths trunk widths (ReLU after each); the last is the shared representation
   * @param batchSize minibatch rows
   * @param epochs passes over the training set (the last partial batch of an epoch is dropped)
   * @param learningRate Adam's step size (PyTorch defaults otherwise)
   * @param flatness plain or FS-MTL
   * @param rho FS-MTL perturbation radius (&gt; 0; unused without flatness)
   * @param adaptive ASAM scaling T = |θ| of the perturbation
   * @param traceEvery record the aggregator's task weights every this many steps
   */
  public record Settings(int[] hiddenWidths, int batchSize, int epochs, double learningRate, Flatness flatness,
      double rho, boolean adaptive, int traceEvery) {
    public Settings {
      if (hiddenWidths.length == 0) {
        throw new IllegalArgumentException("hiddenWidths needs at least one layer");
      }
      for (int w : hiddenWidths) {
        if (w < 1) {
          throw new IllegalArgumentException("hiddenWidths must be >= 1, got " + w);
        }
      }
      if (batchSize < 1 || epochs < 1 || traceEvery < 1) {
        throw new IllegalArgumentException("batchSize, epochs and traceEvery must be >= 1, got " + batchSize + ", "
            + epochs + ", " + traceEvery);
      }
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
      }
      if (!(rho > 0) || !Double.isFinite(rho)) {
        throw new IllegalArgumentException("rho must be finite and > 0, got " + rho);
      }
      hiddenWidths = hiddenWidths.clone();
    }
  }

  /**
   * What a training run produced.
   *
   * @param testAccuracy per task, in [0, 1]
   * @param steps optimizer steps
   * @param trainSeconds wall time of the training steps (test evaluation excluded)
   * @param traceSteps the steps at which weights were recorded
   * @param traceWeights the aggregator's task weights at those steps (one row per recorded step)
   * @param finalWeights the task weights of the last step
   * @param finalTrainLosses the minibatch losses ℓ_k of the last step
   */
  public record Outcome(double[] testAccuracy, int steps, double trainSeconds, int[] traceSteps,
      double[][] traceWeights, double[] finalWeights, double[] finalTrainLosses) {}

  /**
   * Trains on {@code train} and evaluates on {@code test}.
   *
   * @param aggregators makes a fresh aggregator (called once, twice under FS-MTL)
   * @param seed initialization, minibatch order and aggregator randomness all derive from it
   */
  public static Outcome train(MultiTaskImages train, MultiTaskImages test, Supplier<GradientAggregator> aggregators,
      Settings settings, long seed) {
    if (train.taskCount() != test.taskCount() || train.pixelsPerImage() != test.pixelsPerImage()) {
      throw new IllegalArgumentException("train and test sets differ: " + train.taskCount() + " vs " + test.taskCount()
          + " tasks, " + train.pixelsPerImage() + " vs " + test.pixelsPerImage() + " pixels");
    }
    if (train.count() < settings.batchSize()) {
      throw new IllegalArgumentException(
          "batchSize " + settings.batchSize() + " exceeds the " + train.count() + " training images");
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom initRng = root.split();
    SplittableRandom orderRng = root.split();
    SplittableRandom aggregatorRng = root.split();

    MultiTaskNetwork net = network(train.pixelsPerImage(), settings.hiddenWidths(), train.classCounts());
    double[] theta = net.initialParameters(initRng);
    Adam adam = new Adam(theta.length, settings.learningRate());
    MultiTaskStep stepRule = settings.flatness() == Flatness.FS_MTL
        ? new FlatRegionStep(net, aggregators.get(), aggregators.get(), settings.rho(), settings.adaptive(),
            PerturbationNorm.JOINT, FlatRegionStep.Combination.DECOMPOSED)
        : new AggregatedStep(net, aggregators.get(), HeadGradients.UNWEIGHTED);

    int k = train.taskCount();
    int stepsPerEpoch = train.count() / settings.batchSize();
    int[] order = identity(train.count());
    List<Integer> traceSteps = new ArrayList<>();
    List<double[]> traceWeights = new ArrayList<>();
    double[] lastWeights = new double[k];
    double[] lastLosses = new double[k];
    int step = 0;
    long start = System.nanoTime();
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      shuffle(order, orderRng);
      for (int b = 0; b < stepsPerEpoch; b++) {
        int[] rows = Arrays.copyOfRange(order, b * settings.batchSize(), (b + 1) * settings.batchSize());
        MultiTaskBatch batch = batch(train, rows);
        MultiTaskUpdate update = stepRule.compute(theta, batch, aggregatorRng);
        requireFinite(update.gradient(), step);
        adam.step(theta, update.gradient());
        lastWeights = update.taskWeights().clone();
        lastLosses = update.losses().clone();
        if (step % settings.traceEvery() == 0) {
          traceSteps.add(step);
          traceWeights.add(lastWeights);
        }
        step++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(accuracy(net, theta, test), step, seconds,
        traceSteps.stream().mapToInt(Integer::intValue).toArray(), traceWeights.toArray(new double[0][]),
        lastWeights, lastLosses);
  }

  /** The benchmark's network: MLP trunk with ReLU after every layer, a linear head with bias per task. */
  public static MultiTaskNetwork network(int inputs, int[] hiddenWidths, int[] classCounts) {
    int[] widths = new int[hiddenWidths.length + 1];
    widths[0] = inputs;
    System.arraycopy(hiddenWidths, 0, widths, 1, hiddenWidths.length);
    Sequential trunk = new Sequential(widths, Collections.nCopies(hiddenWidths.length, Activation.RELU),
        Initialization.pytorchDefault());
    List<TaskLoss> losses = Collections.nCopies(classCounts.length, crossEntropy());
    return new MultiTaskNetwork(trunk, classCounts, true, losses);
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

  /** The rows {@code indices} of a data set as a shared-input minibatch with one target column per task. */
  public static MultiTaskBatch batch(MultiTaskImages data, int[] indices) {
    List<Matrix> targets = new ArrayList<>();
    for (int t = 0; t < data.taskCount(); t++) {
      int[] y = data.labels(t, indices);
      double[] col = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        col[i] = y[i];
      }
      targets.add(Matrix.column(col));
    }
    return MultiTaskBatch.shared(data.features(indices), targets);
  }

  /** Test accuracy of every task, evaluated in chunks of 1000 rows. */
  public static double[] accuracy(MultiTaskNetwork net, double[] theta, MultiTaskImages data) {
    int k = data.taskCount();
    long[] correct = new long[k];
    int chunk = 1000;
    for (int from = 0; from < data.count(); from += chunk) {
      int[] rows = identity(Math.min(chunk, data.count() - from));
      for (int i = 0; i < rows.length; i++) {
        rows[i] += from;
      }
      Matrix x = data.features(rows);
      for (int t = 0; t < k; t++) {
        correct[t] += SoftmaxCrossEntropy.countCorrect(net.predict(theta, x, t), data.labels(t, rows));
      }
    }
    double[] acc = new double[k];
    for (int t = 0; t < k; t++) {
      acc[t] = correct[t] / (double) data.count();
    }
    return acc;
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
