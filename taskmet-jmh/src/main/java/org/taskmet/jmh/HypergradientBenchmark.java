package org.taskmet.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.core.implicit.Hypergradient;
import org.taskmet.core.metric.InstanceBatch;
import org.taskmet.core.metric.MahalanobisLoss;
import org.taskmet.core.metric.MetricCache;
import org.taskmet.core.metric.TaskMetMlpMetric;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * TaskMet's outer-step products at the sizes of the PyTorch peer script
 * ({@code shared/peers/torch_taskmet_step.py}): model F → H ReLU → n (linear when H = 0, no output
 * activation), TaskMet metric F → 200 ReLU → n², one batch of {@code rows} rows.
 *
 * <p>Like the peer, every product except the {@code *Reused} ones starts from the parameters (fresh
 * forward passes): {@code grad} = L and ∇θL; {@code hvp} = H u; {@code mixed} = (∂²L/∂φ∂θ)ᵀu;
 * {@code hypergrad} = normal CG (5 iterations, ridge 1e-5: 11 HVPs incl. the right-hand side) + one mixed
 * product. {@code hvpReused}/{@code mixedReused} reuse one evaluation, as CG iterations do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HypergradientBenchmark {
  @Param({"cubic", "budget", "portfolio"})
  public String size;

  private MahalanobisLoss loss;
  private double[] theta;
  private double[] phi;
  private double[] u;
  private InstanceBatch batch;
  private MahalanobisLoss.Evaluation kept;
  private Hypergradient hypergradient;
  private Matrix lambdaRows;

  @Setup
  public void setUp() {
    int f;
    int h;
    int n;
    int rows;
    switch (size) {
      case "cubic" -> { f = 1; h = 0; n = 1; rows = 500; }
      case "budget" -> { f = 10; h = 500; n = 10; rows = 50; }
      case "portfolio" -> { f = 28; h = 500; n = 1; rows = 500; }
      default -> throw new IllegalArgumentException("unknown size " + size);
    }
    SplittableRandom rng = new SplittableRandom(0);
    Sequential model = Sequential.mlp(f, n, h == 0 ? 0 : 1, h, Activation.RELU, Activation.IDENTITY,
        Initialization.pytorchDefault());
    TaskMetMlpMetric metric = new TaskMetMlpMetric(f, n, 200, false);
    loss = new MahalanobisLoss(model, metric);
    theta = model.initialParameters(rng);
    phi = metric.initialParameters(rng);
    u = ModelBenchmark.gaussian(theta.length, rng);
    List<Instance> one = new ArrayList<>();
    one.add(new Instance(new Matrix(rows, f, ModelBenchmark.gaussian(rows * f, rng)),
        new Matrix(rows, n, ModelBenchmark.gaussian(rows * n, rng))));
    batch = InstanceBatch.of(one);
    kept = loss.at(theta, phi, batch);
    hypergradient = Hypergradient.taskmetDefault();
    lambdaRows = MetricCache.compute(metric, phi, one).lambdaRows(new int[] {0});
  }

  /** An inner-loop step's gradient with the metric rows precomputed once per outer step ({@link MetricCache}). */
  @Benchmark
  public double[] gradFixedMetric() {
    return loss.atFixedMetric(theta, batch, lambdaRows).gradientTheta();
  }

  @Benchmark
  public double[] grad() {
    return loss.at(theta, phi, batch).gradientTheta();
  }

  @Benchmark
  public double[] hvp() {
    return loss.at(theta, phi, batch).hessianVectorProduct(u);
  }

  @Benchmark
  public double[] hvpReused() {
    return kept.hessianVectorProduct(u);
  }

  @Benchmark
  public double[] mixed() {
    return loss.at(theta, phi, batch).mixedProduct(u);
  }

  @Benchmark
  public double[] mixedReused() {
    return kept.mixedProduct(u);
  }

  @Benchmark
  public double[] hypergrad() {
    return hypergradient.compute(loss.at(theta, phi, batch), u).gradientPhi();
  }
}
