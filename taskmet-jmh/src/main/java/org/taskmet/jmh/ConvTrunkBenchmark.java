package org.taskmet.jmh;

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
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.ImageShape;
import org.taskmet.core.nn.LayerStack;
import org.taskmet.core.nn.MultiLeNet;

/**
 * The MultiLeNet trunk (1×36×36 → 50, float64) of {@code mtl fashion}, on one batch of random images:
 * {@code trunkForwardBackward}: forward, then the parameter gradient for a random output cotangent — what
 * {@code docs/bench/mtl-fashion/torch_multilenet.py} times in PyTorch (images/s = batch / time);
 * {@code trunkForward}: the forward pass alone. Single-threaded, as one trial runs. The training step of the
 * benchmark is {@link MultiFashionStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvTrunkBenchmark {
  @Param({"256"})
  public int batch;

  private LayerStack trunk;
  private double[] theta;
  private Matrix x;
  private Matrix g;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(1);
    trunk = MultiLeNet.trunk(new ImageShape(1, 36, 36));
    theta = trunk.initialParameters(rng);
    double[] pixels = new double[batch * 36 * 36];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rng.nextDouble();
    }
    x = new Matrix(batch, 36 * 36, pixels);
    g = new Matrix(batch, trunk.outputSize(), ModelBenchmark.gaussian(batch * trunk.outputSize(), rng));
  }

  @Benchmark
  public double[] trunkForwardBackward() {
    return trunk.vjp(trunk.forward(theta, x), g);
  }

  @Benchmark
  public Matrix trunkForward() {
    return trunk.forward(theta, x).output();
  }
}
