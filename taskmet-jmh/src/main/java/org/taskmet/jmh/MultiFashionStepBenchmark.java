package org.taskmet.jmh;

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
import org.taskmet.api.Matrix;
import org.taskmet.core.mtl.AggregatedStep;
import org.taskmet.core.mtl.HeadGradients;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.TaskLosses;
import org.taskmet.core.mtl.aggregate.LinearScalarization;
import org.taskmet.core.mtl.flat.FlatRegionStep;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.core.nn.ImageShape;
import org.taskmet.core.nn.MultiLeNet;

/**
 * One training step of {@code mtl fashion} on a batch of 256 random 36×36 images: MultiLeNet trunk, two linear
 * 10-class heads, softmax cross-entropy, per-task gradients (one trunk forward, one backward per task), linear
 * scalarization; plain, or inside FS-MTL (ρ = 2, ASAM, joint norm: two more forward/backward passes per task).
 * This is the per-step cost that sizes the full-size grid (421 steps per epoch). Single-threaded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MultiFashionStepBenchmark {
  @Param({"none", "fs-mtl"})
  public String flatness;

  private double[] theta;
  private MultiTaskBatch batch;
  private MultiTaskStep step;
  private SplittableRandom rng;

  @Setup
  public void setUp() {
    rng = new SplittableRandom(1);
    int rows = 256;
    MultiTaskNetwork net = new MultiTaskNetwork(MultiLeNet.trunk(new ImageShape(1, 36, 36)), new int[] {10, 10},
        true, List.of(TaskLosses.softmaxCrossEntropy(), TaskLosses.softmaxCrossEntropy()));
    theta = net.initialParameters(rng);
    double[] pixels = new double[rows * 36 * 36];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rng.nextDouble();
    }
    double[][] labels = new double[2][rows];
    for (int i = 0; i < rows; i++) {
      labels[0][i] = rng.nextInt(10);
      labels[1][i] = rng.nextInt(10);
    }
    batch = MultiTaskBatch.shared(new Matrix(rows, 36 * 36, pixels),
        List.of(Matrix.column(labels[0]), Matrix.column(labels[1])));
    List<Double> sum = List.of(1.0, 1.0);
    step = flatness.equals("fs-mtl")
        ? new FlatRegionStep(net, new LinearScalarization(sum), new LinearScalarization(sum), 2.0, true,
            PerturbationNorm.JOINT, FlatRegionStep.Combination.DECOMPOSED)
        : new AggregatedStep(net, new LinearScalarization(sum), HeadGradients.UNWEIGHTED);
  }

  @Benchmark
  public MultiTaskUpdate multiFashionStep() {
    return step.compute(theta, batch, rng);
  }
}
