package org.taskmet.jmh;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.qp.PortfolioQpSolver;
import org.taskmet.solvers.simplex.CappedSimplexAscentSolver;
import org.taskmet.solvers.simplex.CappedSimplexProjection;
import org.taskmet.solvers.simplex.CoverageObjective;
import org.taskmet.solvers.topk.SoftTopKSolver;

/**
 * Solves per second of the decision solvers at the paper's sizes: portfolio QP with 50 assets (active set,
 * the default, and the interior point), soft top-k
 * over 50 items, budget allocation 5 channels × 10 users, and the capped-simplex projection (n = 50).
 * Each benchmark cycles through 16 random instances (fixed seed) so branch predictors see varied inputs.
 *
 * <pre>
 * mvn -q -o -pl taskmet-jmh -am package -DskipTests
 * java -jar taskmet-jmh/target/benchmarks.jar 'SolverBenchmarks' -f 1 -wi 3 -w 1s -i 5 -r 1s \
 *     -jvmArgsPrepend --add-modules=jdk.incubator.vector
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SolverBenchmarks {
  private static final int INSTANCES = 16;
  private static final int ASSETS = 50;
  private static final int ITEMS = 50;

  private Instance[] portfolio;
  private Matrix[] returns;
  private Instance topkInstance;
  private Matrix[] scores;
  private Instance budgetInstance;
  private Matrix[] coverage;
  private double[][] projectionInputs;
  /** LODL's samples: the solution for the unperturbed returns, and returns perturbed by σ = 0.1 around them. */
  private Solution[] unperturbed;
  private Matrix[] perturbed;
  private double[] cotangent50;
  private double[] cotangent5;
  private double[] projectionOut;
  private int next;

  private final PortfolioQpSolver portfolioQp = new PortfolioQpSolver(PortfolioQpSolver.Settings.reference());
  private final PortfolioQpSolver portfolioIpm = new PortfolioQpSolver(new PortfolioQpSolver.Settings(0.1,
      PortfolioQpSolver.QuadraticForm.CHOLESKY, false, PortfolioQpSolver.Method.INTERIOR_POINT,
      PortfolioQpSolver.Settings.reference().qp()));
  private final SoftTopKSolver softTopK = new SoftTopKSolver(SoftTopKSolver.Settings.reference(1));
  private final CappedSimplexAscentSolver budget =
      new CappedSimplexAscentSolver(new CoverageObjective(), CappedSimplexAscentSolver.Settings.reference(2));
  private final CappedSimplexProjection projection = new CappedSimplexProjection();
  private final SplittableRandom solveRng = new SplittableRandom(7);

  @Setup
  public void setup() {
    SplittableRandom rng = new SplittableRandom(2023);
    portfolio = new Instance[INSTANCES];
    returns = new Matrix[INSTANCES];
    scores = new Matrix[INSTANCES];
    coverage = new Matrix[INSTANCES];
    projectionInputs = new double[INSTANCES][];
    for (int t = 0; t < INSTANCES; t++) {
      portfolio[t] = new Instance(Matrix.zeros(ASSETS, 1), Matrix.zeros(ASSETS, 1),
          Map.of(PortfolioQpSolver.CHOLESKY_AUX_KEY, correlationCholesky(rng, ASSETS)));
      returns[t] = Matrix.column(gaussian(rng, ASSETS, 0.02));
      scores[t] = Matrix.column(uniform(rng, ITEMS, -1, 1));
      coverage[t] = new Matrix(5, 10, uniform(rng, 50, 0, 1));
      projectionInputs[t] = gaussian(rng, ITEMS, 1.0);
    }
    unperturbed = new Solution[INSTANCES];
    perturbed = new Matrix[INSTANCES];
    for (int t = 0; t < INSTANCES; t++) {
      unperturbed[t] = portfolioQp.solve(returns[t], portfolio[t], solveRng);
      double[] p = returns[t].data().clone();
      double[] noise = gaussian(rng, ASSETS, 0.1);
      for (int i = 0; i < ASSETS; i++) {
        p[i] += noise[i];
      }
      perturbed[t] = Matrix.column(p);
    }
    topkInstance = new Instance(Matrix.zeros(ITEMS, 1), Matrix.zeros(ITEMS, 1));
    budgetInstance = new Instance(Matrix.zeros(5, 10), Matrix.zeros(5, 10));
    cotangent50 = gaussian(rng, 50, 1.0);
    cotangent5 = gaussian(rng, 5, 1.0);
    projectionOut = new double[ITEMS];
  }

  /** Cholesky factor of Σ = ZZᵀ/8 + 0.1·I from 9 standardized samples per asset, as the portfolio task builds it. */
  private static Matrix correlationCholesky(SplittableRandom rng, int n) {
    double[] z = gaussian(rng, n * 9, 1.0);
    double[] sigma = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int t = 0; t < 9; t++) {
          s += z[i * 9 + t] * z[j * 9 + t];
        }
        sigma[i * n + j] = s / 8 + (i == j ? 0.1 : 0.0);
      }
    }
    double[] l = new double[n * n];
    for (int j = 0; j < n; j++) {
      double d = sigma[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= l[j * n + k] * l[j * n + k];
      }
      l[j * n + j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = sigma[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = s / l[j * n + j];
      }
    }
    return new Matrix(n, n, l);
  }

  private static double[] gaussian(SplittableRandom rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * rng.nextGaussian();
    }
    return v;
  }

  private static double[] uniform(SplittableRandom rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return v;
  }

  private int nextIndex() {
    next = (next + 1) & (INSTANCES - 1);
    return next;
  }

  @Benchmark
  public Solution portfolioQp50Forward() {
    int t = nextIndex();
    return portfolioQp.solve(returns[t], portfolio[t], solveRng);
  }

  /** A LODL regret sample solved cold (compare {@link #portfolioQp50LodlSampleWarm}). */
  @Benchmark
  public Solution portfolioQp50LodlSampleCold() {
    int t = nextIndex();
    return portfolioQp.solve(perturbed[t], portfolio[t], solveRng);
  }

  /** The same sample started from the unperturbed solution's active set, as LODL's fits do. */
  @Benchmark
  public Solution portfolioQp50LodlSampleWarm() {
    int t = nextIndex();
    return portfolioQp.solveFrom(perturbed[t], portfolio[t], solveRng, unperturbed[t]);
  }

  @Benchmark
  public Matrix portfolioQp50ForwardBackward() {
    int t = nextIndex();
    return portfolioQp.vjp(portfolioQp.solve(returns[t], portfolio[t], solveRng), cotangent50);
  }

  @Benchmark
  public Solution portfolioQp50InteriorPointForward() {
    int t = nextIndex();
    return portfolioIpm.solve(returns[t], portfolio[t], solveRng);
  }

  @Benchmark
  public Matrix portfolioQp50InteriorPointForwardBackward() {
    int t = nextIndex();
    return portfolioIpm.vjp(portfolioIpm.solve(returns[t], portfolio[t], solveRng), cotangent50);
  }

  @Benchmark
  public Solution softTopK50Forward() {
    return softTopK.solve(scores[nextIndex()], topkInstance, solveRng);
  }

  @Benchmark
  public Matrix softTopK50ForwardBackward() {
    return softTopK.vjp(softTopK.solve(scores[nextIndex()], topkInstance, solveRng), cotangent50);
  }

  @Benchmark
  public Solution budget5x10Forward() {
    return budget.solve(coverage[nextIndex()], budgetInstance, solveRng);
  }

  @Benchmark
  public Matrix budget5x10ForwardBackward() {
    return budget.vjp(budget.solve(coverage[nextIndex()], budgetInstance, solveRng), cotangent5);
  }

  @Benchmark
  public double[] cappedSimplexProjection50() {
    projection.project(projectionInputs[nextIndex()], 5.0, projectionOut);
    return projectionOut;
  }
}
