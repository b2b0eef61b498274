package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.taskmet.bench.rl.RlCost;
import org.taskmet.bench.rl.RlSpec;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.SpecMaps;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.rl.ModelLearning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet rl}: model-based reinforcement learning experiments. */
@Command(name = "rl", mixinStandardHelpOptions = true,
    description = "Model-based reinforcement learning: TaskMet, OMD and MLE models on environments with "
        + "distracting state dimensions.",
    subcommands = {RlCommand.CartPole.class})
final class RlCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code taskmet rl cartpole}: the sweep profiles {@code rl-cartpole/<profile>} with command-line overrides. */
  @Command(name = "cartpole", mixinStandardHelpOptions = true, description = "TaskMet's CartPole experiment "
      + "(reference taskmet.md §4): MLE, OMD and TaskMet models with k N(0, 1) distractor dimensions appended to the "
      + "state; trials = method x distractor count x seed. Prints the estimated cost before it starts, then the final "
      + "return next to the paper's, the learned metric's weights, the model's error and the cost per step; writes "
      + "one JSON per trial, summary.csv, table.md and PNG plots to --out. Re-running the same command resumes: "
      + "finished trials are skipped.")
  static final class CartPole implements Callable<Integer> {
    static final String SUITE = "rl-cartpole";

    private final PluginRegistry registry;
    private final TrialKinds kinds;
    private final SweepProfiles profiles;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "default",
        description = "'default' (about 15 minutes on 2 cores), 'paper' (200,000 steps x 10 seeds x 6 distractor "
            + "counts: days of CPU), or one a plugin jar ships (see 'taskmet sweep --list'). Default: "
            + "${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--methods", paramLabel = "METHOD", split = ",",
        description = "Methods: mle, omd, taskmet (default: the profile's).")
    List<String> methods;

    @Option(names = "--distractors", paramLabel = "K", split = ",",
        description = "Distractor counts, e.g. 16,32,64 (default: the profile's).")
    List<Integer> distractors;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per method and distractor count (default: the "
        + "profile's).")
    Integer seeds;

    @Option(names = "--steps", paramLabel = "N", description = "Environment steps per trial (default: the profile's).")
    Long steps;

    @Option(names = "--metric", paramLabel = "PLUGIN",
        description = "The metric TaskMet learns: any metric plugin (default: the profile's, normalized-diagonal as "
            + "in the paper).")
    String metric;

    @Option(names = "--q-level", paramLabel = "MODE",
        description = "Q-level inverse Hessian of the implicit gradient: identity (the paper's) or cg (default: the "
            + "profile's).")
    String qLevel;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
        description = "Result directory (default: results/rl-cartpole-<profile>).")
    Path out;

    @Mixin SweepOptions sweepOptions;

    @Spec
    CommandSpec spec;

    @Inject
    CartPole(PluginRegistry registry, TrialKinds kinds, SweepProfiles profiles) {
      this.registry = registry;
      this.kinds = kinds;
      this.profiles = profiles;
    }

    @Override
    public Integer call() throws InterruptedException {
      sweepOptions.engineOptions(); // a contradiction in the engine flags fails before planning
      Sweep sweep = Sweep.plan(withOverrides(profiles.get(SUITE, profile).read()), kinds, registry);
      Path dir = out != null ? out : Path.of("results", "rl-cartpole-" + profile);
      PrintWriter w = spec.commandLine().getOut();
      RlSpec first = spec(sweep.trials().get(0));
      w.printf("taskmet rl cartpole, profile '%s': %s%n", profile, sweep.description());
      w.printf("%d trials = methods %s x distractors %s x %d seeds, %,d steps each; results in %s%n",
          sweep.trials().size(), sweep.labelValues("method"), sweep.labelValues("distractors"),
          sweep.labelValues(Trial.SEED).size(), first.steps(), dir);
      ResultStore store = new ResultStore(dir);
      List<RlSpec> todo = sweep.trials().stream().filter(t -> store.load(t.id()).isEmpty()).map(CartPole::spec)
          .toList();
      if (!todo.isEmpty()) {
        w.printf("measuring the CPU time of an update for each method and distractor count...%n");
        w.flush();
        RlCost cost = RlCost.measure(todo, registry);
        int cores = Runtime.getRuntime().availableProcessors();
        int jobs = sweepOptions.jobs != null ? sweepOptions.jobs : cores;
        double cpu = cost.cpuSeconds(todo);
        double longest = todo.stream().mapToDouble(cost::cpuSeconds).max().orElse(0);
        w.print(cost.describe(todo));
        w.printf("estimated: %s of CPU for the updates of the %d trials to run, about %s wall with %d jobs on %d "
            + "cores (an estimate from the update times just measured, under the current load)%n",
            RlCost.duration(cpu), todo.size(), RlCost.duration(Math.max(cpu / Math.min(jobs, cores), longest)), jobs,
            cores);
      }
      w.flush();
      return sweepOptions.run(spec, kinds, registry, sweep, dir);
    }

    private static RlSpec spec(Trial t) {
      return SpecMaps.convert(t.spec(), RlSpec.class, "rl trial spec");
    }

    /** The profile with this command's overrides: axes replaced, base fields set. */
    SweepFile withOverrides(SweepFile file) {
      if (seeds != null) {
        file = file.withSeeds(seeds);
      }
      if (methods != null) {
        methods.forEach(ModelLearning::byName);
        file = withAxis(file, "method", methods, m -> Map.of("method", m));
      }
      if (distractors != null) {
        for (int k : distractors) {
          if (k < 0) {
            throw new IllegalArgumentException("distractors must be >= 0, got " + k);
          }
        }
        file = withAxis(file, "distractors", distractors, k -> Map.of("distractors", k));
      }
      Map<String, Object> base = new LinkedHashMap<>(file.base());
      if (steps != null) {
        base.put("steps", steps);
      }
      if (metric != null) {
        base.put("metric", metric);
      }
      if (qLevel != null) {
        String level = qLevel.toUpperCase(Locale.ROOT);
        if (!level.equals("IDENTITY") && !level.equals("CG")) {
          throw new IllegalArgumentException("--q-level " + qLevel + "; expected identity or cg");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> agent = new LinkedHashMap<>((Map<String, Object>) base.getOrDefault("agent", Map.of()));
        agent.put("qLevel", level);
        base.put("agent", agent);
      }
      return new SweepFile(file.name(), file.source(), file.description(), file.kind(), file.seeds(), base, file.axes(),
          file.where());
    }

    /** {@code file} with axis {@code name} holding exactly {@code values} (added last when the profile has none). */
    private static <T> SweepFile withAxis(SweepFile file, String name, List<T> values,
        Function<T, Map<String, Object>> partial) {
      List<SweepFile.Point> points = values.stream()
          .map(v -> new SweepFile.Point(String.valueOf(v), partial.apply(v))).toList();
      List<SweepFile.Axis> axes = new ArrayList<>();
      boolean replaced = false;
      for (SweepFile.Axis a : file.axes()) {
        if (a.name().equals(name)) {
          axes.add(new SweepFile.Axis(name, points));
          replaced = true;
        } else {
          axes.add(a);
        }
      }
      if (!replaced) {
        axes.add(new SweepFile.Axis(name, points));
      }
      return new SweepFile(file.name(), file.source(), file.description(), file.kind(), file.seeds(), file.base(), axes,
          file.where());
    }
  }
}
