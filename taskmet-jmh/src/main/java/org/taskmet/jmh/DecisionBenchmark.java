package org.taskmet.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
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
import org.taskmet.api.Solver;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.embed.Predictor;
import org.taskmet.embed.Taskmet;
import org.taskmet.embed.TrainingSpec;

/**
 * Decisions per second of a loaded predictor, as an application embedding taskmet serves them
 * ({@link Predictor#decide}): portfolio (28→500→1 MLP on 50 assets, then the QP) and budget (10→500→10 MLP on 5
 * channels, then the projected-gradient ascent). The predictor is trained once per fork with the default profile's
 * two-stage settings, saved and loaded back; requests cycle through 64 test days it never saw. One predictor is
 * shared by all benchmark threads ({@code -t 2} measures two request threads on one predictor).
 *
 * <ul>
 *   <li>{@code decide}: features → predictions → the task's evaluation solver → decision;</li>
 *   <li>{@code predict}: the model alone;</li>
 *   <li>{@code decideThroughForwardPass}: the 0.1 way (the README's old example), {@code TrainedPredictor.predict}
 *       (a forward pass with its own weight copies and activations) then the same solver.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -o -pl taskmet-jmh -am package -DskipTests
 * java -jar taskmet-jmh/target/benchmarks.jar 'DecisionBenchmark' -f 3 -wi 5 -w 1s -i 5 -r 1s -prof gc \
 *     -jvmArgsPrepend --add-modules=jdk.incubator.vector
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {
  private static final int REQUESTS = 64;

  /** The predictor and the requests, shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Service {
    @Param({"portfolio", "budget"})
    public String task;

    Predictor predictor;
    TrainedPredictor trained;
    Solver solver;
    Instance[] days;

    @Setup
    public void setup() throws IOException {
      Taskmet taskmet = Taskmet.discover();
      // the default profile's two-stage settings (taskmet reproduce): the architecture is the task's reference one
      Map<String, Object> mse = task.equals("portfolio") ? Map.of("iterations", 200, "batchSize", 20)
          : Map.of("iterations", 150);
      TrainingSpec spec = TrainingSpec.of(task, "mse").withMethodConfig(mse);
      Path file = Files.createTempFile("decision-benchmark-" + task, ".json");
      try {
        taskmet.train(spec).save(file);
        predictor = taskmet.load(file, task);
      } finally {
        Files.deleteIfExists(file);
      }
      trained = predictor.trained();
      solver = predictor.task().decisionProblem().evaluationSolver();
      days = predictor.task().generate(spec.datasetSeed()).test().instances().subList(0, REQUESTS)
          .toArray(Instance[]::new);
      // Lucene-style self-check: the benchmarked paths must make the same decision
      Instance day = days[0];
      double[] viaPass = solver.solve(trained.predict(day.features()), day, new SplittableRandom(Predictor.DECISION_SEED))
          .decision();
      if (!Arrays.equals(predictor.decide(day.features(), day.aux()), viaPass)) {
        throw new IllegalStateException("decide() and the forward-pass path disagree on " + task);
      }
    }
  }

  /** Each thread's position in the request stream. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    Instance nextDay(Service s) {
      Instance day = s.days[next];
      next = (next + 1) % s.days.length;
      return day;
    }
  }

  @Benchmark
  public double[] decide(Service s, Cursor c) {
    Instance day = c.nextDay(s);
    return s.predictor.decide(day.features(), day.aux());
  }

  @Benchmark
  public Matrix predict(Service s, Cursor c) {
    return s.predictor.predict(c.nextDay(s).features());
  }

  @Benchmark
  public double[] decideThroughForwardPass(Service s, Cursor c) {
    Instance day = c.nextDay(s);
    Matrix predictions = s.trained.predict(day.features());
    return s.solver.solve(predictions, day, new SplittableRandom(Predictor.DECISION_SEED)).decision();
  }
}
