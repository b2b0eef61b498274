package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.sweep.ResultStore;

/** A trial whose best checkpoint is the untrained model is marked wherever its scores appear, never silently. */
class DivergenceGuardCliTest {
  static final String UNTRAINED = "untrained: the best validation loss is the initial model's (none of 50 training "
      + "steps improved it: training diverged or the learning rate does not fit)";

  @TempDir Path dir;
  final FakePlugins.CountingExecutor executor = new FakePlugins.CountingExecutor();

  @Test
  void anUntrainedTrialIsMarkedInTheOutputItsResultFileAndTheTable() throws Exception {
    executor.diagnostics = Map.of("steps", 50.0, "bestStep", 0.0, "bestValidationLoss", -0.25);
    Path out = dir.resolve("run");
    CliRun run = CliRun.of(executor, "run", "--task", "cubic", "--method", "mse", "--out", out.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("WARNING: " + UNTRAINED + "\n");
    assertThat(warnings(out)).containsExactly(List.of(UNTRAINED));

    Path plan = Files.writeString(dir.resolve("plan.yaml"),
        "kind: decision\nseeds: 2\nbase: {task: cubic}\naxes: {method: [mse]}\n");
    Path sweep = dir.resolve("sweep");
    assertThat(CliRun.of(executor, "sweep", plan.toString(), "--out", sweep.toString(), "--no-plots").code()).isZero();
    String table = Files.readString(sweep.resolve("table.md"));
    assertThat(table).contains(" | 2 (2 ‡) | ").contains("‡ Trials whose scores are not those of a trained "
        + "predictor").contains(UNTRAINED);
  }

  @Test
  void aNormalTrialHasNoWarnings() throws Exception {
    executor.diagnostics = Map.of("steps", 50.0, "bestStep", 30.0, "bestValidationLoss", -0.25);
    Path out = dir.resolve("run");
    CliRun run = CliRun.of(executor, "run", "--task", "cubic", "--method", "mse", "--out", out.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).doesNotContain("WARNING");
    assertThat(warnings(out)).containsExactly(List.of());
  }

  private static List<List<String>> warnings(Path out) throws Exception {
    List<List<String>> all = new java.util.ArrayList<>();
    try (var files = Files.list(out.resolve("trials"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".predictor.json"))
          .toList()) {
        List<String> w = new java.util.ArrayList<>();
        ResultStore.JSON.readTree(f.toFile()).get("result").get("warnings").forEach(n -> w.add(n.asText()));
        all.add(w);
      }
    }
    return all;
  }
}
