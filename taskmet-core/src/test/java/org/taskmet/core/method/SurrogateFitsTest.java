package org.taskmet.core.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

class SurrogateFitsTest {
  /** Pick the item with the highest prediction; records the threads it ran on. */
  private static DecisionProblem topOne(boolean threadSafe, Set<String> threads) {
    Solver argmax = new Solver() {
      public String name() {
        return "argmax";
      }

      public void validate(Matrix predictions, Instance instance) {}

      public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
        threads.add(Thread.currentThread().getName());
        double[] p = predictions.data();
        int best = 0;
        for (int i = 1; i < p.length; i++) {
          best = p[i] > p[best] ? i : best;
        }
        double[] z = new double[p.length];
        z[best] = 1;
        return new Solution(z, predictions, instance, 1, 0, null);
      }

      public Matrix vjp(Solution solution, double[] cotangent) {
        throw new UnsupportedOperationException();
      }

      public boolean threadSafe() {
        return threadSafe;
      }
    };
    return new DecisionProblem() {
      public int decisionSize(Instance instance) {
        return instance.items();
      }

      public Solver trainingSolver() {
        return argmax;
      }

      public Solver evaluationSolver() {
        return argmax;
      }

      public double objective(Instance instance, double[] z, Matrix y) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
          s += z[i] * y.data()[i];
        }
        return s;
      }

      public double[] objectiveGradient(Instance instance, double[] z, Matrix y) {
        return y.data().clone();
      }
    };
  }

  private static List<Instance> instances(int count, int items) {
    SplittableRandom rng = new SplittableRandom(5);
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] y = new double[items];
      for (int k = 0; k < items; k++) {
        y[k] = rng.nextGaussian();
      }
      out.add(new Instance(Matrix.zeros(items, 1), Matrix.column(y)));
    }
    return out;
  }

  private static SplittableRandom[] rngs(int n) {
    SplittableRandom root = new SplittableRandom(99);
    SplittableRandom[] out = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      out[i] = root.split();
    }
    return out;
  }

  private static final SurrogateFits.Settings SETTINGS = new SurrogateFits.Settings(0.5, 200, 0.5, false, false, 0.01,
      30, 10, 1);

  /** The fits are the same bit for bit on 1 or 4 threads: each instance draws only from its own generator. */
  @Test
  void resultsDoNotDependOnTheThreadCount() {
    List<Instance> in = instances(12, 6);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    SurrogateFits.Fit[] one = SurrogateFits.fitAll(topOne(true, threads), in, rngs(12), SETTINGS, 1, ProgressListener.NONE, "t");
    threads.clear();
    List<long[]> progress = new ArrayList<>();
    SurrogateFits.Fit[] four = SurrogateFits.fitAll(topOne(true, threads), in, rngs(12), SETTINGS, 4,
        (done, total, msg) -> progress.add(new long[] {done, total}), "t");
    assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("lodl-fit-"));
    SplittableRandom probe = new SplittableRandom(3);
    double[] work = new double[12];
    for (int i = 0; i < 12; i++) {
      assertThat(four[i].validationMse()).isEqualTo(one[i].validationMse());
      for (int k = 0; k < 5; k++) {
        double[] yhat = new double[6];
        for (int j = 0; j < 6; j++) {
          yhat[j] = probe.nextGaussian();
        }
        assertThat(four[i].surrogate().value(yhat, null, work)).isEqualTo(one[i].surrogate().value(yhat, null, work));
      }
    }
    // progress from the calling thread, in order, every 10 instances and at the end
    assertThat(progress).extracting(p -> p[0]).containsExactly(10L, 12L);
  }

  @Test
  void aSolverThatIsNotThreadSafeRunsOnTheCallingThreadOnly() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    SurrogateFits.fitAll(topOne(false, threads), instances(6, 4), rngs(6), SETTINGS, 4, ProgressListener.NONE, "t");
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  /** The surrogate learns something: on held-out perturbations it beats the constant mean regret. */
  @Test
  void theFittedSurrogateExplainsTheRegret() {
    DecisionProblem p = topOne(true, ConcurrentHashMap.newKeySet());
    Instance in = instances(1, 6).get(0);
    SurrogateFits.Settings s = new SurrogateFits.Settings(0, 2000, 0.5, false, false, 0.01, 100, 25, 1);
    SurrogateFits.Fit fit = SurrogateFits.fit(p, in, new SplittableRandom(1), s);
    SplittableRandom rng = new SplittableRandom(2);
    double[] y = in.targets().data();
    int n = 2000;
    double[] regret = new double[n];
    double[] q = new double[n];
    double mean = 0;
    double[] work = new double[12];
    for (int k = 0; k < n; k++) {
      double[] yhat = new double[6];
      for (int j = 0; j < 6; j++) {
        yhat[j] = y[j] + 0.5 * rng.nextGaussian();
      }
      double best = p.objective(in, p.evaluationSolver().solve(in.targets(), in, null).decision(), in.targets());
      regret[k] = best - p.objective(in, p.evaluationSolver().solve(Matrix.column(yhat), in, null).decision(), in.targets());
      q[k] = fit.surrogate().value(yhat, null, work);
      mean += regret[k] / n;
    }
    double mseSurrogate = 0;
    double mseConstant = 0;
    for (int k = 0; k < n; k++) {
      mseSurrogate += (q[k] - regret[k]) * (q[k] - regret[k]) / n;
      mseConstant += (mean - regret[k]) * (mean - regret[k]) / n;
    }
    assertThat(mseSurrogate).isLessThan(mseConstant);
    assertThat(fit.solverIterations()).isEqualTo(2 * Math.round(0.3 * 2000));
  }
}
