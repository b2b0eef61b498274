package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskmet.api.PluginKind;
import org.taskmet.bench.run.ExperimentRunner;
import org.taskmet.bench.run.ResultStore;
import org.taskmet.bench.run.TrialExecutor;
import org.taskmet.bench.run.TrialResult;
import org.taskmet.bench.run.TrialScores;
import org.taskmet.bench.run.TrialSpec;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet run}: one task × method × seed, from flags or a config file. */
@Command(name = "run", description = {"Train one method on one task with one seed, evaluate it on the test split,",
    "and write the trial's result file. Flags override the config file."})
final class RunCommand implements Callable<Integer> {
  private final PluginRegistry registry;
  private final TrialExecutor executor;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A YAML or JSON run config (keys: task, "
      + "taskConfig, method, methodConfig, seed, datasetSeed).")
  Path configFile;

  @Option(names = {"-t", "--task"}, paramLabel = "NAME", description = "Task plugin (see 'taskmet plugins').")
  String task;

  @Option(names = {"-m", "--method"}, paramLabel = "NAME", description = "Training method plugin.")
  String method;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a method config field (repeatable).")
  List<String> methodSets = new ArrayList<>();

  @Option(names = "--task-set", paramLabel = "KEY=VALUE", description = "Override a task config field (repeatable).")
  List<String> taskSets = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Model/training seed (default: 0).")
  Long seed;

  @Option(names = "--dataset-seed", paramLabel = "N", description = "Data seed (default: 0).")
  Long datasetSeed;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results/run",
      description = "Result directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--save", paramLabel = "FILE", description = "Also copy the trained predictor (and metric) JSON here.")
  Path save;

  @Spec CommandSpec spec;

  @Inject
  RunCommand(PluginRegistry registry, TrialExecutor executor) {
    this.registry = registry;
    this.executor = executor;
  }

  @Override
  public Integer call() {
    RunConfigFile file = configFile == null ? new RunConfigFile(null, null, null, null, null, null)
        : RunConfigFile.read(configFile);
    String taskName = task != null ? task : file.task();
    String methodName = method != null ? method : file.method();
    if (taskName == null || methodName == null) {
      throw new IllegalArgumentException("run needs a task and a method (--task/--method or a config file); tasks: "
          + String.join(", ", registry.providers(PluginKind.TASK).keySet()) + "; methods: "
          + String.join(", ", registry.providers(PluginKind.METHOD).keySet()));
    }
    Map<String, Object> taskConfig = new LinkedHashMap<>(file.taskConfig());
    taskConfig.putAll(KeyValues.parse("--task-set", taskSets));
    Map<String, Object> methodConfig = new LinkedHashMap<>(file.methodConfig());
    methodConfig.putAll(KeyValues.parse("--set", methodSets));
    TrialSpec trial = new TrialSpec(taskName, taskConfig, methodName, methodName, methodConfig,
        datasetSeed != null ? datasetSeed : file.datasetSeed() != null ? file.datasetSeed() : 0,
        seed != null ? seed : file.seed() != null ? file.seed() : 0);
    trial.validate(registry);
    ResultStore store = new ResultStore(out);
    boolean earlier = store.load(trial).isPresent();
    TrialResult result = new ExperimentRunner(store, executor, System.err).run("run", List.of(trial)).results().get(0);
    if (save != null) {
      copyPredictor(store.predictorFile(trial), save);
    }
    print(result, store, earlier);
    return 0;
  }

  private static void copyPredictor(Path from, Path to) {
    try {
      Path parent = to.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the predictor to " + to + ": " + e.getMessage(), e);
    }
  }

  private void print(TrialResult r, ResultStore store, boolean earlier) {
    PrintWriter w = spec.commandLine().getOut();
    TrialScores s = r.scores();
    w.printf(Locale.ROOT, "task %s, method %s, dataset seed %d, seed %d%n", r.spec().task(), r.spec().method(),
        r.spec().datasetSeed(), r.spec().seed());
    w.printf(Locale.ROOT, "normalized test decision quality  %.4f   (model %.6g, random %.6g, optimal %.6g)%n",
        s.normalizedDq(), s.modelDq(), s.randomDq(), s.optimalDq());
    w.printf(Locale.ROOT, "test MSE                          %.6g%n", s.mse());
    w.printf(Locale.ROOT, "train %.2f s, evaluate %.2f s%n", r.trainSeconds(), r.evalSeconds());
    w.printf("result: %s%s%n", store.trialFile(r.spec()),
        earlier ? " (from an earlier run with the same settings; delete it to train again)" : "");
    if (save != null) {
      w.printf("predictor: %s%n", save);
    }
  }
}
