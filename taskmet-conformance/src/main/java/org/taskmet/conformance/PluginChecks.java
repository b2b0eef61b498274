package org.taskmet.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.taskmet.api.Aggregation;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Environment;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;

/**
 * Runs the whole conformance kit on plugin providers, each check to a {@link Result} row: what
 * {@code taskmet check} prints, and what a plugin's JUnit test asserts with {@link #assertConforms}.
 *
 * <pre>{@code
 * @Test void conforms() { PluginChecks.assertConforms(new MyTaskProvider()); }
 * }</pre>
 *
 * <p>Per kind, on the plugin built from its default config:
 * <ul>
 *   <li>every kind: the provider describes itself (name, config type, defaults) and {@code create} builds it;</li>
 *   <li>task: {@link TaskConformance} (deterministic data, shapes, decisions, objective gradient) and
 *       {@link SolverConformance} on its training solver (VJP, determinism, reported residual) and
 *       evaluation solver (determinism), on the first {@link Options#instances} test instances;</li>
 *   <li>solver: the solver checks, on the instances of every checked task whose decision problem uses a
 *       solver of the same name (a solver needs instances; otherwise the row says SKIP);</li>
 *   <li>model and metric: {@link ModelConformance} and {@link MetricConformance} at sizes 4 → 3;</li>
 *   <li>aggregator: shapes, finiteness and determinism of one aggregation of random gradients;</li>
 *   <li>environment: {@link EnvironmentConformance} (observation sizes, finite values and rewards over 200 random
 *       steps, bit-identical episodes per seed, out-of-range actions rejected);</li>
 *   <li>method: built from its defaults (training needs a task and minutes; run it from the CLI).</li>
 * </ul>
 */
public final class PluginChecks {
  /** Outcome of one check. */
  public enum Status {
    PASS,
    FAIL,
    SKIP
  }

  /**
   * One row of the report.
   *
   * @param kind the plugin kind's label
   * @param plugin the plugin name
   * @param check what was checked
   * @param status pass, fail or skip
   * @param detail why it failed or was skipped (empty when it passed)
   */
  public record Result(String kind, String plugin, String check, Status status, String detail) {}

  /**
   * @param seed seeds every random draw of the checks
   * @param instances test instances the task and solver checks visit
   * @param finiteDifferences the tolerance rule of every derivative check
   * @param residualTolerance the largest residual a training solver may report
   * @param predictionNoise predictions are Y + predictionNoise·rms(Y)·N(0, 1)
   */
  public record Options(long seed, int instances, FiniteDifferenceCheck finiteDifferences, double residualTolerance,
      double predictionNoise) {
    /** Seed 42, 3 instances, default finite differences with relative tolerance 1e-4, residual ≤ 1e-6, noise 0.1. */
    public static Options defaults() {
      return new Options(42, 3, FiniteDifferenceCheck.defaults().withTolerance(1e-4, 1e-7), 1e-6, 0.1);
    }
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  private final Options options;
  private final List<Result> results = new ArrayList<>();
  private final List<Task> tasks = new ArrayList<>();

  private PluginChecks(Options options) {
    this.options = options;
  }

  /** Checks every provider: tasks first, so solver plugins can be checked on their instances. */
  public static List<Result> run(List<? extends PluginProvider<?, ?>> providers, Options options) {
    PluginChecks checks = new PluginChecks(options);
    List<PluginProvider<?, ?>> ordered = new ArrayList<>(providers);
    ordered.sort((a, b) -> Boolean.compare(a.kind() != PluginKind.TASK, b.kind() != PluginKind.TASK));
    for (PluginProvider<?, ?> p : ordered) {
      checks.check(p);
    }
    return List.copyOf(checks.results);
  }

  /** Runs every check on {@code provider} with {@link Options#defaults()}; throws an {@link AssertionError}
   * listing the failed checks. */
  public static void assertConforms(PluginProvider<?, ?> provider) {
    List<Result> r = run(List.of(provider), Options.defaults());
    List<Result> failed = r.stream().filter(x -> x.status() == Status.FAIL).toList();
    if (!failed.isEmpty()) {
      throw new AssertionError("plugin '" + provider.name() + "' fails " + failed.size() + " conformance check(s):\n"
          + table(failed));
    }
  }

  /** A fixed-width text table of the results, one row per check. */
  public static String table(List<Result> results) {
    int kw = width(results, Result::kind, "KIND");
    int pw = width(results, Result::plugin, "PLUGIN");
    int cw = width(results, Result::check, "CHECK");
    String fmt = "%-" + kw + "s  %-" + pw + "s  %-" + cw + "s  %-6s %s%n";
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, fmt, "KIND", "PLUGIN", "CHECK", "RESULT", "DETAIL"));
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, fmt, r.kind(), r.plugin(), r.check(), r.status(), r.detail()));
    }
    return sb.toString();
  }

  private static int width(List<Result> rs, java.util.function.Function<Result, String> f, String header) {
    return Math.max(header.length(), rs.stream().mapToInt(r -> f.apply(r).length()).max().orElse(0));
  }

  private void check(PluginProvider<?, ?> provider) {
    String kind = provider.kind() == null ? "?" : provider.kind().label();
    String name = safeName(provider);
    Object[] product = new Object[1];
    if (!record(kind, name, "describes itself", () -> describe(provider))
        || !record(kind, name, "create(defaults)", () -> product[0] = create(provider))) {
      return;
    }
    Object p = product[0];
    switch (provider.kind()) {
      case TASK -> checkTask(name, (Task) p);
      case SOLVER -> checkSolverPlugin(name, (Solver) p);
      case MODEL -> record(kind, name, "model VJP/JVP/HVP vs finite differences",
          () -> new ModelConformance(options.finiteDifferences()).check(((Model.Factory) p).create(4, 3), options.seed(), 5));
      case METRIC -> record(kind, name, "metric PSD, products vs finite differences", () -> new MetricConformance(
          options.finiteDifferences()).check(((MetricParameterization.Factory) p).create(4, 3), options.seed(), 5, 0.1));
      case AGGREGATOR -> record(kind, name, "aggregation shapes, determinism", () -> checkAggregator((GradientAggregator) p));
      case ENVIRONMENT -> checkEnvironment(name, (Environment) p);
      default -> { } // methods: building them is the check
    }
  }

  private void checkEnvironment(String name, Environment env) {
    String kind = PluginKind.ENVIRONMENT.label();
    long seed = options.seed();
    int steps = 200;
    if (record(kind, name, "observations and rewards over " + steps + " random steps",
        () -> EnvironmentConformance.checkEpisodes(env, seed, steps))) {
      record(kind, name, "episodes deterministic per seed", () -> EnvironmentConformance.checkDeterministic(env, seed, steps));
    }
    record(kind, name, "actions outside the range rejected", () -> EnvironmentConformance.checkActionRange(env, seed));
  }

  private void checkTask(String name, Task task) {
    String kind = PluginKind.TASK.label();
    long seed = options.seed();
    record(kind, name, "data deterministic per seed", () -> TaskConformance.checkDeterministicData(task, seed));
    DataSplits[] data = new DataSplits[1];
    if (!record(kind, name, "data shapes and values", () -> {
      data[0] = task.generate(seed);
      TaskConformance.checkShapes(task, data[0]);
    })) {
      return;
    }
    List<Instance> instances = data[0].test().instances().subList(0, Math.min(options.instances(), data[0].test().size()));
    record(kind, name, "decision sizes and values", () -> {
      for (Instance in : instances) {
        TaskConformance.checkDecisions(task, in, seed);
      }
    });
    record(kind, name, "objective gradient vs finite differences", () -> {
      for (int i = 0; i < instances.size(); i++) {
        Instance in = instances.get(i);
        TaskConformance.checkObjectiveGradient(task, TaskConformance.predictionsNear(in, options.predictionNoise(),
            seed + i), in, seed, options.finiteDifferences());
      }
    });
    tasks.add(task);
    solverChecks(kind, name, task.decisionProblem().trainingSolver(), task, instances, true);
    Solver eval = task.decisionProblem().evaluationSolver();
    record(kind, name, "evaluation solver '" + eval.name() + "' deterministic", () -> {
      for (int i = 0; i < instances.size(); i++) {
        SolverConformance.checkDeterministic(eval, prediction(instances.get(i), i), instances.get(i), seed);
      }
    });
  }

  private void solverChecks(String kind, String name, Solver solver, Task task, List<Instance> instances,
      boolean training) {
    String label = (training ? "training solver '" : "solver on task '" + task.name() + "' ('") + solver.name()
        + (training ? "'" : "')");
    long seed = options.seed();
    record(kind, name, label + " VJP vs finite differences", () -> {
      for (int i = 0; i < instances.size(); i++) {
        SolverConformance.checkVjp(solver, prediction(instances.get(i), i), instances.get(i), seed,
            options.finiteDifferences());
      }
    });
    record(kind, name, label + " deterministic", () -> {
      for (int i = 0; i < instances.size(); i++) {
        SolverConformance.checkDeterministic(solver, prediction(instances.get(i), i), instances.get(i), seed);
      }
    });
    record(kind, name, label + " reported residual", () -> {
      for (int i = 0; i < instances.size(); i++) {
        SolverConformance.checkResidual(solver, prediction(instances.get(i), i), instances.get(i), seed,
            options.residualTolerance());
      }
    });
    record(kind, name, label + " declared domain", () -> {
      for (int i = 0; i < instances.size(); i++) {
        SolverConformance.checkDomain(solver, prediction(instances.get(i), i), instances.get(i),
            task.decisionProblem().decisionSize(instances.get(i)), seed);
      }
    });
  }

  private void checkSolverPlugin(String name, Solver solver) {
    boolean any = false;
    for (Task task : tasks) {
      String training = task.decisionProblem().trainingSolver().name();
      String evaluation = task.decisionProblem().evaluationSolver().name();
      if (solver.name().equals(training) || solver.name().equals(evaluation)) {
        DataSplits data = task.generate(options.seed());
        List<Instance> in = data.test().instances().subList(0, Math.min(options.instances(), data.test().size()));
        solverChecks(PluginKind.SOLVER.label(), name, solver, task, in, false);
        any = true;
      }
    }
    if (!any) {
      results.add(new Result(PluginKind.SOLVER.label(), name, "solver checks", Status.SKIP, "no checked task uses a "
          + "solver named '" + solver.name() + "'; call SolverConformance from the solver's tests"));
    }
  }

  private Matrix prediction(Instance in, int i) {
    return TaskConformance.predictionsNear(in, options.predictionNoise(), options.seed() + i);
  }

  private void checkAggregator(GradientAggregator a) {
    SplittableRandom rng = new SplittableRandom(options.seed());
    Matrix grads = ModelConformance.gaussian(3, 6, rng);
    double[] losses = {0.5, 1.0, 2.0};
    a.reset();
    Aggregation first = a.aggregate(grads, losses, new SplittableRandom(options.seed()));
    a.reset();
    Aggregation second = a.aggregate(grads, losses, new SplittableRandom(options.seed()));
    if (first.direction().length != 6 || first.taskWeights().length != 3) {
      throw new AssertionError(a.name() + ": direction has length " + first.direction().length + " and weights "
          + first.taskWeights().length + ", expected 6 and 3 for 3 tasks x 6 shared parameters");
    }
    for (double v : first.direction()) {
      if (!Double.isFinite(v)) {
        throw new AssertionError(a.name() + ": direction is not finite: " + Arrays.toString(first.direction()));
      }
    }
    if (!Arrays.equals(first.direction(), second.direction())) {
      throw new AssertionError(a.name() + ": two aggregations after reset() with the same seed differ");
    }
  }

  private static void describe(PluginProvider<?, ?> p) {
    String name = p.name();
    if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new AssertionError("name '" + name + "' is not lower-case words joined by dashes");
    }
    if (p.kind() == null || p.description() == null || p.description().isBlank()) {
      throw new AssertionError("kind and a one-line description are required");
    }
    Object defaults = p.defaultConfig();
    if (p.configType() == null || !p.configType().isRecord() || !p.configType().isInstance(defaults)) {
      throw new AssertionError("defaultConfig() must return an instance of the record configType() names, got "
          + (defaults == null ? "null" : defaults.getClass().getName()));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object create(PluginProvider provider) {
    Object product = provider.create(provider.defaultConfig());
    if (!provider.kind().productType().isInstance(product)) {
      throw new AssertionError("create returned " + (product == null ? "null" : product.getClass().getName())
          + ", expected a " + provider.kind().productType().getName());
    }
    return product;
  }

  private static String safeName(PluginProvider<?, ?> p) {
    try {
      return String.valueOf(p.name());
    } catch (RuntimeException e) {
      return p.getClass().getName();
    }
  }

  private boolean record(String kind, String name, String check, Check body) {
    try {
      body.run();
      results.add(new Result(kind, name, check, Status.PASS, ""));
      return true;
    } catch (AssertionError | Exception e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (!(e instanceof AssertionError)) {
        msg = e.getClass().getSimpleName() + ": " + msg;
      }
      results.add(new Result(kind, name, check, Status.FAIL, msg.lines().collect(Collectors.joining(" "))));
      return false;
    }
  }
}
