package org.taskmet.jmh;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.core.linalg.RowParallelism;
import org.taskmet.core.metric.NormalizedDiagonalMetric;
import org.taskmet.core.rl.AgentConfig;
import org.taskmet.core.rl.ModelLearning;
import org.taskmet.core.rl.UpdateCost;
import org.taskmet.tasks.rl.CartPole;
import org.taskmet.tasks.rl.CartPoleConfig;
import org.taskmet.tasks.rl.DistractorWrapper;

/**
 * The model-based RL agent on CartPole with k distractors (observation size d = 4 + k = 20, 68, 516), batch 256,
 * the reference settings:
 * <ul>
 *   <li>{@code update}: one full update as after all warm-ups (MLE: model + Q step; OMD: Q step + implicit model
 *       step; TaskMet: model + Q + metric step with the 10-iteration normal-CG solve);</li>
 *   <li>{@code environmentStep}: one training step of the loop: act (softmax policy), step the environment, store the
 *       transition, update. 1 / its time is the environment steps per second.</li>
 * </ul>
 * {@code main} prints the FLOPs of one update ({@link UpdateCost#flopsPerUpdate}); FLOPs / update time is the
 * achieved rate, to compare with the machine's measured FMA peak (RooflineBench).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RlUpdateBenchmark {
  @Param({"16", "64", "512"})
  public int distractors;

  @Param({"mle", "omd", "taskmet"})
  public String method;

  /** Above 1: the rows of the large gemms (d = 516) split over that many threads; 1 = one thread, the default. */
  @Param({"1"})
  public int threads;

  private UpdateCost.Prepared prepared;
  private Supplier<Object> updateCall;

  @Setup(Level.Trial)
  public void setUp() {
    prepared = UpdateCost.prepare(ModelLearning.byName(method), AgentConfig.reference(),
        new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), distractors), NormalizedDiagonalMetric::new, 1);
    updateCall = () -> {
      prepared.update();
      return null;
    };
  }

  @Benchmark
  public void update() {
    if (threads == 1) {
      prepared.update();
    } else {
      RowParallelism.withThreads(threads, updateCall);
    }
  }

  @Benchmark
  public void environmentStep() {
    prepared.trainingStep();
  }

  /** Prints the FLOPs of one update for every method and distractor count of this benchmark. */
  public static void main(String[] args) {
    AgentConfig config = AgentConfig.reference();
    System.out.println("| method | d | MFLOP per update (matrix products; solves at their iteration budget) |");
    System.out.println("|---|---:|---:|");
    for (String m : new String[] {"mle", "omd", "taskmet"}) {
      for (int k : new int[] {16, 64, 512}) {
        long flops = UpdateCost.flopsPerUpdate(ModelLearning.byName(m), config, 4 + k, 2);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f |%n", m, 4 + k, flops / 1e6);
      }
    }
  }
}
