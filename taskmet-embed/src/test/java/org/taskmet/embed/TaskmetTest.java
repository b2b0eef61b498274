package org.taskmet.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Instance;
import org.taskmet.api.ProgressListener;

/** Training through the entry point: provenance, determinism, early errors. */
class TaskmetTest {
  static final Taskmet TASKMET = Trained.TASKMET;

  @TempDir Path dir;

  @Test
  void theSameSpecTrainsABitIdenticalPredictor() {
    TrainingSpec spec = TrainingSpec.of("cubic", "mse").withMethodConfig(Map.of("iterations", 15)).withSeed(9);
    Predictor a = TASKMET.train(spec);
    Predictor b = TASKMET.train(spec);
    assertThat(b.trained().parameters()).containsExactly(a.trained().parameters());
    assertThat(a.spec()).isEqualTo(spec);
    Predictor other = TASKMET.train(spec.withSeed(10));
    assertThat(other.trained().parameters()).isNotEqualTo(a.trained().parameters());
  }

  @Test
  void taskmetLearnsAMetricThatIsSavedWithThePredictor() {
    TrainingSpec spec = TrainingSpec.of("cubic", "taskmet")
        .withMethodConfig(Map.of("outerIterations", 2, "innerIterationsFirst", 20, "innerIterations", 5));
    List<Long> steps = new ArrayList<>();
    Predictor p = TASKMET.train(spec, (done, total, message) -> steps.add(done));
    assertThat(steps).isNotEmpty();
    assertThat(p.metric()).contains(new PluginRef("taskmet-mlp", Map.of()));
    p.save(dir.resolve("cubic.json"));
    Predictor loaded = TASKMET.load(dir.resolve("cubic.json"), "cubic");
    assertThat(loaded.metric()).isEqualTo(p.metric());
    assertThat(loaded.trained().metricParameters()).containsExactly(p.trained().metricParameters());
  }

  @Test
  void aChosenModelPluginTrainsThePredictorAndIsItsProvenance() {
    TrainingSpec spec = TrainingSpec.of("cubic", "mse").withMethodConfig(Map.of("iterations", 5))
        .withModel("mlp", Map.of("hiddenLayers", 1, "hiddenUnits", 6));
    Predictor p = TASKMET.train(spec);
    assertThat(p.trained().parameters()).hasSize(1 * 6 + 6 + 6 * 1 + 1); // 1 -> 6 -> 1 on cubic's one feature
    p.save(dir.resolve("hidden.json"));
    Predictor loaded = TASKMET.load(dir.resolve("hidden.json"));
    assertThat(loaded.spec()).isEqualTo(spec);
    assertThat(loaded.model()).isEqualTo(new PluginRef("mlp", Map.of("hiddenLayers", 1, "hiddenUnits", 6)));
    assertThatThrownBy(() -> TrainingSpec.of("cubic", "mse").withModel(null, Map.of("hiddenUnits", 6)))
        .hasMessageContaining("needs a model plugin name");
  }

  @Test
  void aPreparedJobHoldsTheSplitsItTrainsOn() {
    TrainingSpec spec = TrainingSpec.of("budget", "mse")
        .withTaskConfig(Map.of("trainInstances", 8, "validationInstances", 4, "testInstances", 6))
        .withMethodConfig(Map.of("iterations", 5)).withDatasetSeed(5);
    TrainingJob job = TASKMET.prepare(spec);
    Instance first = job.task().generate(5).test().get(0);
    assertThat(job.data().test().get(0).features().sameValues(first.features())).isTrue();
    assertThat(job.data().train().size()).isEqualTo(8);
    Map<String, Object> pinned = new TreeMap<>(spec.taskConfig());
    pinned.put("data", job.task().dataLabel()); // data=auto resolved: movielens when r-cran-dslabs is installed
    assertThat(job.spec()).isEqualTo(spec.withTaskConfig(pinned));
    assertThat(job.train(ProgressListener.NONE).spec()).isEqualTo(job.spec());
  }

  @Test
  void wrongNamesAndConfigsFailBeforeAnyWork() {
    assertThatThrownBy(() -> TASKMET.prepare(TrainingSpec.of("portfolo", "mse")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown task 'portfolo'")
        .hasMessageContaining("portfolio");
    assertThatThrownBy(() -> TASKMET.prepare(TrainingSpec.of("cubic", "tasknet")))
        .hasMessageContaining("unknown method 'tasknet'");
    assertThatThrownBy(() -> TASKMET.prepare(TrainingSpec.of("cubic", "mse").withMethodConfig(Map.of("iteration", 3))))
        .hasMessageContaining("iteration");
    assertThatThrownBy(() -> TrainingSpec.of("cubic", " ")).hasMessageContaining("needs a task and a method");
  }

  @Test
  void aSpecIsAValueWithSortedUnmodifiableConfigs() {
    TrainingSpec spec = TrainingSpec.of("budget", "dfl").withMethodConfig(Map.of("b", 1, "a", 2)).withDatasetSeed(3);
    assertThat(spec.methodConfig().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> spec.methodConfig().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(spec).isEqualTo(new TrainingSpec("budget", Map.of(), "dfl", Map.of("a", 2, "b", 1), 3, 0));
    assertThat(spec.withSeed(4).seed()).isEqualTo(4);
    assertThat(spec.withTaskConfig(Map.of("channels", 6)).taskConfig()).isEqualTo(Map.of("channels", 6));
  }
}
