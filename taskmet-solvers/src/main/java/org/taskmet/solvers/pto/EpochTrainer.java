package org.taskmet.solvers.pto;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.taskmet.api.Dataset;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.OptimalDecisions;
import org.taskmet.core.eval.RegretEvaluator;
import org.taskmet.core.method.CpuClock;
import org.taskmet.core.optim.Adam;

/**
 * PyEPO's training protocol (notebook "03 Training and Testing", {@code trainModel}): a fresh random order of
 * the training set every epoch ({@code DataLoader(shuffle=True)}, the last batch smaller), Adam on the mean
 * loss of each batch, and the model after the last epoch — no checkpoint selection.
 *
 * <p>Also records, without influencing training, what a reader of the results wants: the learning curves
 * (mean training loss per epoch, and the normalized regret on the validation split before training and after
 * every epoch — PyEPO logs the test regret, which taskmet's methods never touch), and where an epoch's time
 * goes: CPU and wall time per epoch, the part spent in the losses (oracle calls and surrogate arithmetic) and
 * in the model and optimizer, and the oracle calls per epoch. Validation is not timed. (Allocation per epoch is
 * measured by the JMH benchmark's {@code -prof gc} in steady state; within one training it mostly measures how far
 * the JIT has got.)
 *
 * <p>Randomness, all from the request seed: one split stream initializes the model, one shuffles, one feeds
 * the perturbations (the same split order as the other methods, so every method starts from the same model).
 */
final class EpochTrainer {
  /**
   * @param epochs passes over the training set
   * @param batchSize instances per Adam step
   * @param learningRate Adam learning rate
   */
  record Settings(int epochs, int batchSize, double learningRate) {}

  private EpochTrainer() {}

  /**
   * @param problem the task's linear decision problem, or {@code null} (two-stage on another task: no optimal
   *     decisions, no regret curve)
   * @param oracle the counting oracle the loss calls, or {@code null} when the loss calls none
   */
  static TrainedPredictor train(String method, TrainingRequest request, Settings s, Loss loss,
      LinearDecisionProblem problem, CountingOracle oracle) {
    long start = System.nanoTime();
    long cpuStart = CpuClock.now();
    Dataset train = request.data().train();
    if (train.size() == 0) {
      throw new IllegalArgumentException(method + ": the training set '" + train.name() + "' is empty");
    }
    Sample[] samples = samples(train, problem, request.threads());
    Dataset val = request.data().validation();
    RegretEvaluator validation = problem != null && val.size() > 0 ? new RegretEvaluator(problem, val, request.threads()) : null;

    SplittableRandom root = new SplittableRandom(request.seed());
    SplittableRandom initRng = root.split();
    SplittableRandom batchRng = root.split();
    SplittableRandom solverRng = root.split();
    Instance first = train.get(0);
    int f = first.features().cols();
    int outputs = first.targets().cols();
    Model model = request.modelFactory().create(f, outputs);
    double[] theta = model.initialParameters(initRng);
    Adam adam = new Adam(theta.length, s.learningRate());

    Map<String, Double> diag = new LinkedHashMap<>();
    if (validation != null) {
      diag.put(curveKey("validationRegret", 0), validation.evaluate(model, theta).normalizedRegret());
    }
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long steps = 0;
    double trainNanos = 0;
    double trainCpuNanos = 0;
    double lossNanos = 0;
    long calls = 0;
    double lastLoss = Double.NaN;
    for (int epoch = 1; epoch <= s.epochs(); epoch++) {
      long t0 = System.nanoTime();
      long c0 = CpuClock.now();
      long o0 = oracle == null ? 0 : oracle.calls();
      shuffle(order, batchRng);
      double epochLoss = 0;
      for (int from = 0; from < n; from += s.batchSize()) {
        int b = Math.min(s.batchSize(), n - from);
        // the batch's feature rows stacked (PyEPO's instances are one row each; other tasks may have several)
        int[] offset = new int[b + 1];
        for (int r = 0; r < b; r++) {
          offset[r + 1] = offset[r] + samples[order[from + r]].instance().items();
        }
        double[] x = new double[offset[b] * f];
        for (int r = 0; r < b; r++) {
          double[] rows = samples[order[from + r]].instance().features().data();
          System.arraycopy(rows, 0, x, offset[r] * f, rows.length);
        }
        ForwardPass pass = model.forward(theta, new Matrix(offset[b], f, x));
        double[] out = pass.output().data();
        double[] cot = new double[offset[b] * outputs];
        for (int r = 0; r < b; r++) {
          double[] pred = Arrays.copyOfRange(out, offset[r] * outputs, offset[r + 1] * outputs);
          double[] grad = new double[pred.length];
          long l0 = System.nanoTime();
          double value;
          try {
            value = loss.value(samples[order[from + r]], pred, grad, solverRng);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(method + ": epoch " + epoch + ", training instance " + order[from + r]
                + ": " + e.getMessage(), e);
          }
          lossNanos += System.nanoTime() - l0;
          if (!Double.isFinite(value)) {
            throw new IllegalStateException(method + ": the loss of training instance " + order[from + r]
                + " became " + value + " in epoch " + epoch + " (training diverged; try a smaller learningRate)");
          }
          epochLoss += value;
          for (int k = 0; k < grad.length; k++) {
            cot[offset[r] * outputs + k] = grad[k] / b;
          }
        }
        adam.step(theta, model.vjp(pass, new Matrix(offset[b], outputs, cot)));
        steps++;
      }
      trainNanos += System.nanoTime() - t0;
      trainCpuNanos += CpuClock.now() - c0;
      calls += oracle == null ? 0 : oracle.calls() - o0;
      lastLoss = epochLoss / n;
      diag.put(curveKey("trainLoss", epoch), lastLoss);
      String message = String.format(Locale.ROOT, "%s epoch %d/%d loss %.4g", method, epoch, s.epochs(), lastLoss);
      if (validation != null) {
        double regret = validation.evaluate(model, theta).normalizedRegret();
        diag.put(curveKey("validationRegret", epoch), regret);
        message += String.format(Locale.ROOT, " validation regret %.2f%%", 100 * regret);
      }
      request.progress().progress(epoch, s.epochs(), message);
    }
    int epochs = Math.max(1, s.epochs());
    diag.put("epochs", (double) s.epochs());
    diag.put("steps", (double) steps);
    diag.put("finalTrainLoss", lastLoss);
    diag.put("secondsPerEpoch", trainNanos / 1e9 / epochs);
    diag.put("cpuSecondsPerEpoch", trainCpuNanos / 1e9 / epochs);
    diag.put("lossSecondsPerEpoch", lossNanos / 1e9 / epochs);
    diag.put("modelSecondsPerEpoch", (trainNanos - lossNanos) / 1e9 / epochs);
    diag.put("oracleCallsPerEpoch", (double) calls / epochs);
    diag.put("seconds", (System.nanoTime() - start) / 1e9);
    diag.put("cpuSeconds", (CpuClock.now() - cpuStart) / 1e9);
    return new TrainedPredictor(model, theta, null, null, diag);
  }

  /** The diagnostics key of a learning-curve point, e.g. {@code curve.validationRegret.e007}. */
  static String curveKey(String curve, int epoch) {
    return String.format(Locale.ROOT, "curve.%s.e%03d", curve, epoch);
  }

  /** The training instances with their optimal decisions (solved once, batched over the cores). */
  private static Sample[] samples(Dataset train, LinearDecisionProblem problem, int threads) {
    Sample[] out = new Sample[train.size()];
    if (problem == null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = new Sample(train.get(i), null, null, Double.NaN);
      }
      return out;
    }
    OptimalDecisions opt = new OptimalDecisions(problem, train, threads);
    int d = opt.dimension();
    for (int i = 0; i < out.length; i++) {
      out[i] = new Sample(train.get(i), Arrays.copyOfRange(opt.rewards(), i * d, (i + 1) * d),
          Arrays.copyOfRange(opt.decisions(), i * d, (i + 1) * d), opt.values()[i]);
    }
    return out;
  }

  /** A uniformly random permutation of {@code order}, in place (Fisher–Yates). */
  private static void shuffle(int[] order, SplittableRandom rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
