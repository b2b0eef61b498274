package org.taskmet.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.core.metric.TaskMetMlpMetric;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * The model and metric-network products at the budget task's size: MLP 10 → 500 ReLU → 10 (ReLU output),
 * a batch of 10 instances × 5 items = 50 rows; TaskMet's metric network 10 → 200 ReLU → 100.
 *
 * <p>{@code gradient} = forward + VJP; {@code hvp} = vjpTangent on a kept forward pass (what CG iterations
 * pay); {@code hvpWithForward} includes the forward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelBenchmark {
  private Sequential model;
  private double[] theta;
  private double[] direction;
  private Matrix x;
  private Matrix g;
  private Matrix gDot;
  private ForwardPass pass;
  private TaskMetMlpMetric metric;
  private double[] phi;
  private ForwardPass metricPass;
  private Matrix a;
  private Matrix b;
  private double[] weights;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(1);
    model = Sequential.mlp(10, 10, 1, 500, Activation.RELU, Activation.RELU, Initialization.pytorchDefault());
    theta = model.initialParameters(rng);
    direction = gaussian(theta.length, rng);
    x = new Matrix(50, 10, gaussian(500, rng));
    g = new Matrix(50, 10, gaussian(500, rng));
    gDot = new Matrix(50, 10, gaussian(500, rng));
    pass = model.forward(theta, x);
    metric = new TaskMetMlpMetric(10, 10, 200, false);
    phi = metric.initialParameters(rng);
    metricPass = metric.forward(phi, x);
    a = new Matrix(50, 10, gaussian(500, rng));
    b = new Matrix(50, 10, gaussian(500, rng));
    weights = new double[50];
    java.util.Arrays.fill(weights, 1.0 / 50);
  }

  static double[] gaussian(int n, SplittableRandom rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  @Benchmark
  public double[] mlpGradient() {
    return model.vjp(model.forward(theta, x), g);
  }

  @Benchmark
  public double[] mlpHvp() {
    return model.vjpTangent(pass, direction, g, gDot);
  }

  @Benchmark
  public double[] mlpHvpWithForward() {
    return model.vjpTangent(model.forward(theta, x), direction, g, gDot);
  }

  @Benchmark
  public double[] metricForwardAndBilinearGradient() {
    return metric.bilinearGradient(metric.forward(phi, x), a, b, weights);
  }

  @Benchmark
  public Matrix metricApply() {
    return metric.apply(metricPass, a);
  }
}
