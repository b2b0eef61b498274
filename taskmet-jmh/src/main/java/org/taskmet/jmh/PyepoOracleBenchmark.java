package org.taskmet.jmh;

import java.util.List;
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
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Task;
import org.taskmet.core.eval.OracleBatches;
import org.taskmet.tasks.pyepo.KnapsackConfig;
import org.taskmet.tasks.pyepo.KnapsackTask;
import org.taskmet.tasks.pyepo.ShortestPathConfig;
import org.taskmet.tasks.pyepo.ShortestPathTask;

/**
 * The PyEPO oracles at the notebook sizes: one exact solve (grid shortest path 5×5 by DP; 2-D knapsack with 16
 * and 32 items by branch and bound), and the batched solve of a 1000-instance test set over the cores. Inputs
 * are the tasks' own true costs/values, 64 of them cycled; {@code -prof gc} shows 0 B/op for the single solve.
 *
 * <pre>
 * mvn -q -o -pl taskmet-jmh -am package -DskipTests
 * java -jar taskmet-jmh/target/benchmarks.jar PyepoOracleBenchmark -f 3 -wi 5 -w 1s -i 5 -r 1s -prof gc \
 *     -jvmArgsPrepend --add-modules=jdk.incubator.vector
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PyepoOracleBenchmark {
  private static final int CYCLE = 64;

  /** {@code shortest-path-5x5}, {@code knapsack-16x2}, {@code knapsack-32x2} (the PyEPO paper's knapsack). */
  @Param({"shortest-path-5x5", "knapsack-16x2", "knapsack-32x2"})
  public String problem;

  private LinearDecisionProblem decision;
  private List<Instance> test;
  private double[][] rewards;
  private double[] stacked;
  private double[] out;
  private double[] stackedOut;
  private int next;

  @Setup
  public void setup() {
    Task task = switch (problem) {
      case "shortest-path-5x5" -> new ShortestPathTask(ShortestPathConfig.defaults());
      case "knapsack-16x2" -> new KnapsackTask(KnapsackConfig.defaults());
      case "knapsack-32x2" -> new KnapsackTask(withItems(KnapsackConfig.defaults(), 32));
      default -> throw new IllegalArgumentException("unknown problem " + problem);
    };
    decision = (LinearDecisionProblem) task.decisionProblem();
    test = task.generate(0).test().instances();
    int d = decision.oracle().dimension(test.get(0));
    rewards = new double[CYCLE][];
    for (int i = 0; i < CYCLE; i++) {
      rewards[i] = decision.rewards(test.get(i).targets(), new double[d]);
    }
    stacked = new double[test.size() * d];
    for (int i = 0; i < test.size(); i++) {
      System.arraycopy(decision.rewards(test.get(i).targets(), new double[d]), 0, stacked, i * d, d);
    }
    out = new double[d];
    stackedOut = new double[stacked.length];
  }

  private static KnapsackConfig withItems(KnapsackConfig c, int items) {
    return new KnapsackConfig(c.num_data(), c.num_val(), c.num_test(), c.num_feat(), items, c.dim(), c.deg(),
        c.noise_width(), c.capacity(), c.training_solver(), c.training_sigma(), c.training_samples(),
        c.training_lambda());
  }

  /** One exact solve. */
  @Benchmark
  public double[] solve() {
    int i = next;
    next = (next + 1) % CYCLE;
    decision.oracle().argmax(rewards[i], test.get(i), out);
    return out;
  }

  /** The thread budget of the batched solve: one, and the machine's two cores. */
  @State(Scope.Thread)
  public static class Batch {
    @Param({"1", "2"})
    public int threads;
  }

  /** The 1000 test instances solved at once, batched over the budget's cores (one regret evaluation's solves). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double[] solveTestSet(Batch batch) {
    OracleBatches.argmaxAll(decision.oracle(), stacked, test, stackedOut, batch.threads);
    return stackedOut;
  }
}
