package org.taskmet.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.ProgressListener;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.api.PluginKind;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/** A really trained predictor survives the round trip through its file, as the README's Java example uses it. */
class PredictorFilesTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover();
  static ExecutedTrial trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    DecisionTrialSpec spec = new DecisionTrialSpec("cubic", Map.of(), "mse", Map.of("iterations", 20), 3, 4);
    trained = new PluginTrialExecutor().execute(spec, new TrialContext("test", PLUGINS, 1, ProgressListener.NONE));
  }

  @Test
  void aChosenModelPluginTrainsThePredictorAndTheReferenceOneIsTheDefault() {
    DecisionTrialSpec hidden = new DecisionTrialSpec("cubic", Map.of(), "mse", Map.of("iterations", 5), 3, 4, "mlp",
        Map.of("hiddenLayers", 1, "hiddenUnits", 6));
    ExecutedTrial t = new PluginTrialExecutor().execute(hidden, new TrialContext("test", PLUGINS, 1,
        ProgressListener.NONE));
    assertThat(t.predictor().parameters()).hasSize(1 * 6 + 6 + 6 * 1 + 1); // 1 -> 6 -> 1 on cubic's one feature
    assertThat(trained.predictor().parameters()).hasSize(2); // cubic's reference predictor: linear, 1 -> 1
  }

  @Test
  void aSavedPredictorMakesTheSameDecisionsAfterLoading() {
    Path file = dir.resolve("cubic.json");
    PredictorFiles.write(file, trained);
    PredictorFiles.Loaded loaded = PredictorFiles.read(file, PLUGINS);

    assertThat(loaded.trial()).isEqualTo(trained.spec());
    Task task = Plugins.create(PLUGINS, PluginKind.TASK, Task.class, loaded.trial().task(), loaded.trial().taskConfig());
    Instance instance = task.generate(11).test().get(0);
    Matrix before = trained.predictor().predict(instance.features());
    Matrix after = loaded.predictor().predict(instance.features());
    assertThat(after.sameValues(before)).isTrue();

    Solver solver = task.decisionProblem().evaluationSolver();
    assertThat(solver.solve(after, instance, new SplittableRandom(0)).decision())
        .containsExactly(solver.solve(before, instance, new SplittableRandom(0)).decision());
  }

  @Test
  void brokenFilesNameTheFileAndTheProblem() throws Exception {
    Path file = dir.resolve("p.json");
    PredictorFiles.write(file, trained);
    String json = Files.readString(file);

    Path wrongFormat = Files.writeString(dir.resolve("f.json"), json.replace("taskmet-predictor/1", "other/9"));
    assertThatThrownBy(() -> PredictorFiles.read(wrongFormat, PLUGINS))
        .hasMessage("predictor file " + wrongFormat + " has format 'other/9', expected 'taskmet-predictor/1'");

    Path notJson = Files.writeString(dir.resolve("n.json"), "{ not json");
    assertThatThrownBy(() -> PredictorFiles.read(notJson, PLUGINS))
        .hasMessageStartingWith("predictor file " + notJson + " is not a taskmet predictor");

    Path unknownModel = Files.writeString(dir.resolve("m.json"),
        json.replaceFirst("\"name\" : \"mlp\"", "\"name\" : \"resnet\""));
    assertThatThrownBy(() -> PredictorFiles.read(unknownModel, PLUGINS)).hasMessageContaining("unknown model 'resnet'");

    assertThatThrownBy(() -> PredictorFiles.read(dir.resolve("missing.json"), PLUGINS))
        .hasMessage("predictor file " + dir.resolve("missing.json") + " does not exist");
  }

  @Test
  void parameterCountAndFinitenessAreChecked() {
    DecisionTrialResult r = trained.result();
    double[] shortParams = {1.0};
    ExecutedTrial truncated = new ExecutedTrial(trained.spec(), r, new org.taskmet.api.TrainedPredictor(trained.predictor().model(),
        shortParams, null, null, Map.of()), trained.model(), null);
    Path file = dir.resolve("short.json");
    PredictorFiles.write(file, truncated);
    assertThatThrownBy(() -> PredictorFiles.read(file, PLUGINS))
        .hasMessageContaining("field 'parameters' has 1 values, the model needs " + trained.predictor().parameters().length);

    double[] nan = trained.predictor().parameters().clone();
    nan[0] = Double.NaN;
    Path nanFile = dir.resolve("nan.json");
    PredictorFiles.write(nanFile, new ExecutedTrial(trained.spec(), r, new org.taskmet.api.TrainedPredictor(
        trained.predictor().model(), nan, null, null, Map.of()), trained.model(), null));
    assertThatThrownBy(() -> PredictorFiles.read(nanFile, PLUGINS)).hasMessageContaining("parameters[0] is NaN");
  }
}
