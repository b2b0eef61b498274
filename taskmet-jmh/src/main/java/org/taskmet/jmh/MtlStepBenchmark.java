package org.taskmet.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.bench.mtl.StressExperiment;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.aggregate.LookaheadDroProvider;
import org.taskmet.core.optim.Sgd;
import org.taskmet.tasks.mtl.DroStressTest;

/**
 * Cost of one training step of the DRO stress test (10 tasks, 64 rows each, 2×20 linear trunk) per
 * aggregator, plain and inside FS-MTL: batch sampling, per-task gradients, aggregation and the SGD update.
 * Divide by the {@code ls}/plain score for the cost relative to linear scalarization.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MtlStepBenchmark {
  @Param({"ls", "group-dro", "lookahead-dro", "mgda", "pcgrad", "cagrad", "imtl-g", "nash-mtl"})
  public String method;

  @Param({"0", "0.05"})
  public double flatRho;

  private List<DroStressTest.TaskData> data;
  private MultiTaskStep step;
  private Sgd sgd;
  private double[] theta;
  private SplittableRandom rng;

  @Setup(Level.Trial)
  public void setUp() {
    data = DroStressTest.generate(0, 2000, 30, 10);
    StressExperiment.Config config = new StressExperiment.Config(0, 1, 1, 0.05, 64, 2000, 10, List.of(method),
        new LookaheadDroProvider.Config(0.5, 0.1, 0.01, 10, 0.1, true, 0.9), 0.4, flatRho, 1);
    MultiTaskNetwork net = StressExperiment.network();
    rng = new SplittableRandom(1);
    theta = StressExperiment.initialParameters(net, rng);
    step = StressExperiment.step(config, net, method);
    sgd = new Sgd(theta.length, Sgd.Settings.of(0.05, 0));
  }

  @Benchmark
  public double trainingStep() {
    MultiTaskBatch batch = StressExperiment.sampleBatch(data, 64, rng);
    MultiTaskUpdate u = step.compute(theta, batch, rng);
    sgd.step(theta, u.gradient());
    return theta[0];
  }
}
