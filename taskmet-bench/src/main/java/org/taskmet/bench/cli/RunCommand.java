package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskmet.api.PluginKind;
import org.taskmet.bench.run.DecisionTrialKind;
import org.taskmet.bench.run.DecisionTrialResult;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.bench.sweep.TrialRecord;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.embed.Taskmet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet run}: one task × method × seed, from flags or a config file. */
@Command(name = "run", description = {"Train one method on one task with one seed, evaluate it on the test split,",
    "and write the trial's result file. Flags override the config file."})
final class RunCommand implements Callable<Integer> {
  private final PluginRegistry registry;
  private final TrialKinds kinds;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A YAML or JSON run config (keys: task, "
      + "taskConfig, method, methodConfig, model, modelConfig, seed, datasetSeed).")
  Path configFile;

  @Option(names = {"-t", "--task"}, paramLabel = "NAME", description = "Task plugin (see 'taskmet plugins').")
  String task;

  @Option(names = {"-m", "--method"}, paramLabel = "NAME", description = "Training method plugin.")
  String method;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = {"Override a method config field (repeatable); a dotted "
      + "key sets one field of a nested config, e.g. metricConfig.rank=4."})
  List<String> methodSets = new ArrayList<>();

  @Option(names = "--task-set", paramLabel = "KEY=VALUE", description = "Override a task config field (repeatable).")
  List<String> taskSets = new ArrayList<>();

  @Option(names = "--model", paramLabel = "NAME", description = "Model plugin of the predictor (default: the task's "
      + "reference predictor, 'mlp' with the task's settings).")
  String model;

  @Option(names = "--model-set", paramLabel = "KEY=VALUE", description = "Override a model config field (repeatable).")
  List<String> modelSets = new ArrayList<>();

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
  RunCommand(PluginRegistry registry, TrialKinds kinds) {
    this.registry = registry;
    this.kinds = kinds;
  }

  @Override
  public Integer call() throws InterruptedException {
    RunConfigFile file = configFile == null ? new RunConfigFile(null, null, null, null, null, null, null, null)
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
    long s = seed != null ? seed : file.seed() != null ? file.seed() : 0;
    String modelName = model != null ? model : file.model();
    Map<String, Object> modelConfig = new LinkedHashMap<>(file.modelConfig());
    modelConfig.putAll(KeyValues.parse("--model-set", modelSets));
    if (modelName == null && !modelConfig.isEmpty()) {
      throw new IllegalArgumentException("--model-set and modelConfig need a model plugin (--model or 'model:'); "
          + "models: " + String.join(", ", registry.providers(PluginKind.MODEL).keySet()));
    }
    DecisionTrialSpec trial = new DecisionTrialSpec(taskName, taskConfig, methodName, methodConfig,
        datasetSeed != null ? datasetSeed : file.datasetSeed() != null ? file.datasetSeed() : 0, s, modelName,
        modelConfig);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("task", taskName);
    labels.put("method", methodName);
    labels.put(Trial.SEED, Long.toString(s));
    Sweep sweep;
    try {
      sweep = Sweep.builder("run", decisionKind(), registry).add(labels, trial).build();
    } catch (IllegalArgumentException e) {
      // one trial: the plugin's own message says it all
      throw e.getCause() instanceof IllegalArgumentException cause ? cause : e;
    }
    if (save != null && Files.isDirectory(save)) {
      throw new IllegalArgumentException("--save " + save + " is a folder; give the predictor file's name, e.g. --save "
          + save.resolve("predictor.json"));
    }
    ResultStore store = new ResultStore(out);
    String id = sweep.trials().get(0).id();
    SweepRunner.Outcome outcome = new SweepRunner(kinds, registry, System.err).run(sweep, out, EngineOptions.local(1),
        "taskmet " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), false);
    if (!outcome.failures().isEmpty()) {
      throw new IllegalStateException(outcome.failures().get(id));
    }
    if (save != null) {
      copyPredictor(store.artifactFile(id, DecisionTrialKind.PREDICTOR), save, store.trialFile(id));
    }
    print(outcome.finished().get(0), store, outcome.resumed() > 0);
    return 0;
  }

  @SuppressWarnings("unchecked")
  private TrialKind<DecisionTrialSpec, DecisionTrialResult> decisionKind() {
    return (TrialKind<DecisionTrialSpec, DecisionTrialResult>) kinds.get(DecisionTrialKind.NAME);
  }

  /** Copies the trial's predictor file to {@code to} after reading it back: a damaged file is never passed on. */
  private void copyPredictor(Path from, Path to, Path resultFile) {
    try {
      new Taskmet(registry).load(from);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot save the predictor: " + e.getMessage() + "; delete " + from + " and "
          + resultFile + " to train the trial again", e);
    }
    try {
      AtomicFiles.write(to, Files.readAllBytes(from));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the predictor: " + IoErrors.describe(e), e);
    }
  }

  private void print(TrialRecord r, ResultStore store, boolean earlier) {
    PrintWriter w = spec.commandLine().getOut();
    DecisionTrialSpec t = ResultStore.JSON.convertValue(r.spec(), DecisionTrialSpec.class);
    DecisionTrialResult result = ResultStore.JSON.convertValue(r.result(), DecisionTrialResult.class);
    Map<String, Double> s = r.scores();
    w.printf(Locale.ROOT, "task %s, method %s, dataset seed %d, seed %d%n", t.task(), t.method(), t.datasetSeed(),
        t.seed());
    if (s.containsKey("normalizedDq")) {
      w.printf(Locale.ROOT, "normalized test decision quality  %.4f   (model %.6g, random %.6g, optimal %.6g)%n",
          s.get("normalizedDq"), s.get("modelDq"), s.get("randomDq"), s.get("optimalDq"));
      w.printf(Locale.ROOT, "test MSE                          %.6g%n", s.get("mse"));
    } else {
      s.forEach((k, v) -> w.printf(Locale.ROOT, "%-33s %.6g%n", k, v));
    }
    for (String warning : result.warnings()) {
      w.printf("WARNING: %s%n", warning);
    }
    w.printf(Locale.ROOT, "train %.2f s, evaluate %.2f s%n", result.trainSeconds(), result.evalSeconds());
    w.printf("result: %s%s%n", store.trialFile(r.id()),
        earlier ? " (from an earlier run with the same settings; delete it to train again)" : "");
    if (save != null) {
      w.printf("predictor: %s%n", save);
    }
  }
}
