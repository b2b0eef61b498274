package org.taskmet.core.method;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * LODL's per-instance surrogate fits (taskmet.md §3.1), run in parallel across instances.
 *
 * <p>For one instance: z(Y) is the best of {@code optimalRestarts} solves with the evaluation solver; then
 * {@code samples} perturbed predictions Ŷ = Y + σ·N(0, 1) (clamped to [0, 1] where the task asks) get their
 * regret obj(z(Y), Y) − obj(z(Ŷ), Y), each solve warm-started from z(Y) (the solver decides whether it can
 * use it: the portfolio QP starts from z(Y)'s active set, randomized solvers ignore it, as the reference
 * restarts them); 30 % of the samples fit a {@link QuadraticSurrogate}, 30 % early-stop it (the reference's
 * last 40 % are its surrogate test set and are not drawn).
 *
 * <p><b>Determinism.</b> Instance i draws only from its own generator, split from the method's stream in
 * instance order before any fit starts, and its result goes to slot i; so the surrogates do not depend on
 * the number of threads or on scheduling. Instances run on at most {@code threads} threads, and on the
 * calling thread alone when the solver is not {@link Solver#threadSafe() thread-safe}.
 */
final class SurrogateFits {
  /**
   * @param alpha the surrogate's MSE weight α
   * @param samples perturbed predictions per instance, of which 30 % fit and 30 % validate
   * @param samplingStd σ of the perturbations, unless {@code stdFromTargets}
   * @param stdFromTargets σ = std(Y) + 1e-5 per instance instead (the budget task's rule)
   * @param clamp clamp the perturbed predictions to [0, 1]
   * @param learningRate Adam lr of the fit
   * @param iterations maximum full-batch Adam steps
   * @param patience early-stopping patience
   * @param optimalRestarts solves of z(Y), best kept
   */
  record Settings(double alpha, int samples, double samplingStd, boolean stdFromTargets, boolean clamp,
      double learningRate, int iterations, int patience, int optimalRestarts) {}

  /**
   * One instance's surrogate, its early-stopping MSE, the solver iterations its samples took and the CPU time
   * of the fit (on whichever thread ran it).
   */
  record Fit(QuadraticSurrogate surrogate, double validationMse, long solverIterations, long cpuNanos) {}

  private SurrogateFits() {}

  /**
   * Fits every instance; {@code progress} is told from the calling thread, in instance order.
   *
   * @param rngs one generator per instance
   */
  static Fit[] fitAll(DecisionProblem problem, List<Instance> instances, SplittableRandom[] rngs, Settings s,
      int threads, ProgressListener progress, String label) {
    int n = instances.size();
    Fit[] out = new Fit[n];
    int workers = problem.evaluationSolver().threadSafe() ? Math.max(1, Math.min(threads, n)) : 1;
    if (workers == 1) {
      for (int i = 0; i < n; i++) {
        out[i] = fit(problem, instances.get(i), rngs[i], s);
        report(progress, label, i + 1, n);
      }
      return out;
    }
    AtomicInteger made = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "lodl-fit-" + made.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Fit>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Instance in = instances.get(i);
        SplittableRandom rng = rngs[i];
        futures.add(pool.submit(() -> fit(problem, in, rng, s)));
      }
      for (int i = 0; i < n; i++) {
        out[i] = futures.get(i).get();
        report(progress, label, i + 1, n);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(label + ": interrupted while fitting surrogates", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(label + ": a surrogate fit failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(ProgressListener progress, String label, int done, int total) {
    if (done % 10 == 0 || done == total) {
      progress.progress(done, total, label + " fitted " + done + "/" + total + " surrogates");
    }
  }

  /** One instance's fit, drawing only from {@code rng}. */
  static Fit fit(DecisionProblem problem, Instance in, SplittableRandom rng, Settings s) {
    long cpu = CpuClock.now();
    Solver solver = problem.evaluationSolver();
    Matrix y = in.targets();
    double[] yv = y.data();
    int d = yv.length;
    Solution optimal = null;
    double best = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < s.optimalRestarts(); r++) {
      Solution z = solver.solve(y, in, rng);
      double v = problem.objective(in, z.decision(), y);
      if (v > best) {
        best = v;
        optimal = z;
      }
    }
    double sigma = s.stdFromTargets() ? std(yv) + 1e-5 : s.samplingStd();
    int fitRows = (int) Math.round(0.3 * s.samples());
    int valRows = (int) Math.round(0.3 * s.samples());
    int rows = fitRows + valRows;
    double[] samples = new double[rows * d];
    double[] regrets = new double[rows];
    // one prediction matrix, overwritten per sample: solvers read predictions during solve only
    Matrix pred = new Matrix(y.rows(), y.cols(), new double[d]);
    double[] p = pred.data();
    long iterations = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < d; k++) {
        double v = yv[k] + sigma * rng.nextGaussian();
        p[k] = s.clamp() ? Math.max(0, Math.min(1, v)) : v;
      }
      System.arraycopy(p, 0, samples, r * d, d);
      Solution z = solver.solveFrom(pred, in, rng, optimal);
      iterations += z.iterations();
      regrets[r] = best - problem.objective(in, z.decision(), y);
    }
    QuadraticSurrogate q = QuadraticSurrogate.initial(yv, s.alpha(), rng);
    double mse = q.fit(samples, regrets, fitRows, rows, s.learningRate(), s.iterations(), s.patience());
    return new Fit(q, mse, iterations, CpuClock.now() - cpu);
  }

  static double std(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / Math.max(1, v.length - 1));
  }
}
