package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.api.DataSplits;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.nn.ModelFactories;
import org.taskmet.solvers.pto.PyepoMethod;
import org.taskmet.tasks.pyepo.KnapsackConfig;
import org.taskmet.tasks.pyepo.KnapsackTask;
import org.taskmet.tasks.pyepo.ShortestPathConfig;
import org.taskmet.tasks.pyepo.ShortestPathTask;

/**
 * Per-epoch cost of PyEPO's methods on the notebook setups, single-threaded: one operation is one epoch of
 * training (1000 shortest-path instances, or the knapsack notebook's 100), batch 32, Adam, with PyEPO's method
 * settings — plus the once-per-training solve of the training set's optimal decisions (as PyEPO's
 * {@code optDataset}; about 1000 solves) and the model's initialization. No validation split, so no regret
 * evaluation is timed. Compare with PyEPO 2.2.5 on the same machine: SPO+ 0.13 s, PFYL 0.23 s, DBB 0.30 s per
 * epoch (exact in-process solver, one thread).
 *
 * <pre>
 * mvn -q -o -pl taskmet-jmh -am package -DskipTests
 * java -jar taskmet-jmh/target/benchmarks.jar PyepoEpochBenchmark -f 3 -wi 5 -w 1s -i 5 -r 1s -prof gc \
 *     -jvmArgsPrepend '--add-modules=jdk.incubator.vector -Djava.util.concurrent.ForkJoinPool.common.parallelism=1'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PyepoEpochBenchmark {
  @Param({"shortest-path", "knapsack"})
  public String task;

  @Param({"TWO_STAGE", "SPO_PLUS", "PFYL", "DBB", "NID", "DPO"})
  public String method;

  private Task problem;
  private DataSplits data;
  private PyepoMethod oneEpoch;
  private long seed;

  @Setup
  public void setup() {
    if (task.equals("shortest-path")) {
      ShortestPathConfig d = ShortestPathConfig.defaults();
      problem = new ShortestPathTask(new ShortestPathConfig(d.num_data(), 0, d.num_test(), d.num_feat(),
          d.grid_rows(), d.grid_cols(), d.deg(), d.noise_width(), d.training_solver(), d.training_sigma(),
          d.training_samples(), d.training_lambda()));
    } else {
      KnapsackConfig d = KnapsackConfig.defaults();
      problem = new KnapsackTask(new KnapsackConfig(d.num_data(), 0, d.num_test(), d.num_feat(), d.num_items(),
          d.dim(), d.deg(), d.noise_width(), d.capacity(), d.training_solver(), d.training_sigma(),
          d.training_samples(), d.training_lambda()));
    }
    data = problem.generate(0);
    oneEpoch = new PyepoMethod(PyepoMethod.Kind.valueOf(method), new PyepoMethod.Settings(1, 0, 0, 3, 1.0, 20));
  }

  @Benchmark
  public TrainedPredictor epoch() {
    return oneEpoch.train(new TrainingRequest(problem, data, ModelFactories.fromDefaults(problem.predictorDefaults()),
        seed++, ProgressListener.NONE));
  }
}
