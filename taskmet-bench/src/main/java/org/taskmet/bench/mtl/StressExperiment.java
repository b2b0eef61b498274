package org.taskmet.bench.mtl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.mtl.AggregatedStep;
import org.taskmet.core.mtl.HeadGradients;
import org.taskmet.core.mtl.LinearTrunk;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.TaskLoss;
import org.taskmet.core.mtl.TaskLosses;
import org.taskmet.core.mtl.aggregate.LookaheadDroProvider;
import org.taskmet.core.mtl.flat.FlatRegionStep;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.core.optim.Sgd;
import org.taskmet.tasks.mtl.DroStressTest;

/**
 * The DRO stress test of mtl.md §4.4: W ∈ R^{2×20} shared, heads v_k ∈ R², ŷ_k = v_kᵀWx, all entries
 * initialised N(0, 0.1²); per step 64 rows per task (with replacement, from the run's seeded generator);
 * plain SGD on the sum-scale direction of each aggregator (W ← W − lr·d, v_k ← v_k − lr·w_k∇_{v_k}ℓ_k).
 * Measures per-task test MSE, the task weights over training and the wall time per step.
 */
public final class StressExperiment {
  /**
   * @param firstSeed the first seed (tuning runs use seeds outside the reported 0..4)
   * @param seeds seeds firstSeed..firstSeed+seeds−1 (data, initialisation and batches all from the seed)
   * @param steps SGD steps
   * @param learningRate SGD lr (0.05 in the reference)
   * @param batchPerTask rows per task per step (64)
   * @param trainRows training rows of every task but task 9 (2000)
   * @param testRows test rows per task (5000)
   * @param lookahead the Lookahead-DRO knobs
   * @param flatRho when &gt; 0, every method runs inside FS-MTL with this ρ (SAM, joint normalisation)
   * @param recordEvery weight-trajectory sampling period
   */
  public record Config(long firstSeed, int seeds, int steps, double learningRate, int batchPerTask, int trainRows, int testRows,
      List<String> methods, LookaheadDroProvider.Config lookahead, double cagradC, double flatRho, int recordEvery) {
    public Config {
      if (seeds < 1 || steps < 1 || batchPerTask < 1 || recordEvery < 1) {
        throw new IllegalArgumentException("stress config: seeds, steps, batchPerTask and recordEvery must be >= 1, got "
            + seeds + ", " + steps + ", " + batchPerTask + ", " + recordEvery);
      }
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("stress config: learningRate = " + learningRate + "; expected > 0");
      }
      methods = MtlMethods.validate(methods);
    }
  }

  /**
   * One method on one seed.
   *
   * @param testMse per-task test MSE (index k−1)
   * @param finalWeightShares the last step's task weights normalised to sum to 1
   * @param weightTrajectory sampled weight shares, one row per record
   * @param nanosPerStep wall time per training step
   * @param diverged training produced a non-finite loss or gradient (then testMse is all NaN)
   */
  public record Run(String method, long seed, double[] testMse, double[] finalWeightShares,
      List<double[]> weightTrajectory, double nanosPerStep, boolean diverged) {
    /** Mean test MSE over all ten tasks. */
    public double averageMse() {
      double s = 0;
      for (double v : testMse) {
        s += v / testMse.length;
      }
      return s;
    }

    /** Worst test MSE over tasks 1..{@code lastTask} (1-based, inclusive). */
    public double worstMse(int lastTask) {
      double w = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < lastTask; k++) {
        w = Math.max(w, testMse[k]);
      }
      return w;
    }
  }

  private StressExperiment() {}

  /** Runs every method on every seed, seeds outer (the data of a seed is generated once). */
  public static List<Run> run(Config config, java.util.function.Consumer<String> progress) {
    List<Run> runs = new ArrayList<>();
    for (long seed = config.firstSeed(); seed < config.firstSeed() + config.seeds(); seed++) {
      List<DroStressTest.TaskData> data = DroStressTest.generate(seed, config.trainRows(), 30, config.testRows());
      for (String method : config.methods()) {
        Run r = runOne(config, method, seed, data);
        runs.add(r);
        progress.accept(r.diverged() ? String.format(java.util.Locale.ROOT, "seed %d %-14s DIVERGED", seed, method)
            : String.format(java.util.Locale.ROOT, "seed %d %-14s avg %.3f worst(1-9) %.3f  w10 %.3f",
            seed, method, r.averageMse(), r.worstMse(9), r.finalWeightShares()[9]));
      }
    }
    return runs;
  }

  /** The §4.4 model: a 20→2 linear trunk and ten bias-free scalar heads with squared loss. */
  public static MultiTaskNetwork network() {
    List<TaskLoss> losses = new ArrayList<>();
    int[] heads = new int[DroStressTest.TASKS];
    for (int k = 0; k < DroStressTest.TASKS; k++) {
      losses.add(TaskLosses.squaredError());
      heads[k] = 1;
    }
    return new MultiTaskNetwork(new LinearTrunk(DroStressTest.DIMENSION, 2, 0.1), heads, false, losses);
  }

  /** All parameters N(0, 0.1²) as in §4.4 (trunk from its own init, heads drawn after it). */
  public static double[] initialParameters(MultiTaskNetwork net, SplittableRandom rng) {
    double[] theta = net.initialParameters(rng);
    for (int i = net.sharedParameterCount(); i < theta.length; i++) {
      theta[i] = 0.1 * rng.nextGaussian();
    }
    return theta;
  }

  /** The training step of {@code method} under {@code config} (plain or inside FS-MTL). */
  public static MultiTaskStep step(Config config, MultiTaskNetwork net, String method) {
    GradientAggregator a = MtlMethods.create(method, config.cagradC(), config.lookahead());
    if (config.flatRho() > 0) {
      return new FlatRegionStep(net, a, MtlMethods.create(method, config.cagradC(), config.lookahead()),
          config.flatRho(), false, PerturbationNorm.JOINT, FlatRegionStep.Combination.DECOMPOSED);
    }
    return new AggregatedStep(net, a, HeadGradients.WEIGHTED);
  }

  /** A minibatch of {@code batchPerTask} rows per task, drawn with replacement. */
  public static MultiTaskBatch sampleBatch(List<DroStressTest.TaskData> data, int batchPerTask, SplittableRandom rng) {
    List<Matrix> xs = new ArrayList<>();
    List<Matrix> ys = new ArrayList<>();
    int d = DroStressTest.DIMENSION;
    for (DroStressTest.TaskData t : data) {
      int n = t.trainX().rows();
      double[] x = new double[batchPerTask * d];
      double[] y = new double[batchPerTask];
      for (int i = 0; i < batchPerTask; i++) {
        int row = rng.nextInt(n);
        System.arraycopy(t.trainX().data(), row * d, x, i * d, d);
        y[i] = t.trainY().data()[row];
      }
      xs.add(new Matrix(batchPerTask, d, x));
      ys.add(new Matrix(batchPerTask, 1, y));
    }
    return MultiTaskBatch.perTask(xs, ys);
  }

  static Run runOne(Config config, String method, long seed, List<DroStressTest.TaskData> data) {
    MultiTaskNetwork net = network();
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + 17);
    double[] theta = initialParameters(net, rng);
    MultiTaskStep step = step(config, net, method);
    Sgd sgd = new Sgd(theta.length, Sgd.Settings.of(config.learningRate(), 0));
    List<double[]> trajectory = new ArrayList<>();
    double[] shares = null;
    long t0 = System.nanoTime();
    for (int s = 1; s <= config.steps(); s++) {
      MultiTaskBatch batch = sampleBatch(data, config.batchPerTask(), rng);
      MultiTaskUpdate u;
      try {
        u = step.compute(theta, batch, rng);
        sgd.step(theta, u.gradient());
      } catch (IllegalStateException | IllegalArgumentException e) {
        // a non-finite loss or gradient: SGD diverged for this method and seed; reported, not hidden
        double[] nan = new double[DroStressTest.TASKS];
        java.util.Arrays.fill(nan, Double.NaN);
        return new Run(method, seed, nan, shares == null ? nan : shares, trajectory, Double.NaN, true);
      }
      if (s % config.recordEvery() == 0 || s == config.steps()) {
        shares = shares(u.taskWeights());
        trajectory.add(shares);
      }
    }
    double nanosPerStep = (System.nanoTime() - t0) / (double) config.steps();
    double[] mse = new double[DroStressTest.TASKS];
    for (int k = 0; k < DroStressTest.TASKS; k++) {
      DroStressTest.TaskData t = data.get(k);
      Matrix prediction = net.predict(theta, t.testX(), k);
      double s = 0;
      for (int i = 0; i < prediction.rows(); i++) {
        double e = prediction.data()[i] - t.testY().data()[i];
        s += e * e;
      }
      mse[k] = s / prediction.rows();
    }
    return new Run(method, seed, mse, shares, trajectory, nanosPerStep, false);
  }

  private static double[] shares(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights[i] / sum;
    }
    return out;
  }
}
