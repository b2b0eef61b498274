package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.plugin.PluginRegistry;

/** Real training trials give the same result files, bit for bit, whether run one at a time or four at once. */
class LocalEngineDeterminismTest {
  static final String PLAN = """
      kind: decision
      seeds: 3
      axes:
        task: [cubic]
        method:
          MSE: {method: mse, methodConfig: {iterations: 30}}
          DFL: {method: dfl, methodConfig: {alpha: 10, iterations: 8}}
          LODL: {method: lodl, methodConfig: {samples: 16, surrogateIterations: 5, optimalRestarts: 1, iterations: 8}}
          TaskMet: {method: taskmet, methodConfig: {outerIterations: 2, innerIterationsFirst: 20, innerIterations: 5}}
      """;

  @TempDir Path dir;

  @Test
  void jobsDoNotChangeResults() throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    TrialKinds kinds = TrialKinds.discover();
    Sweep sweep = Sweep.plan(SweepFile.parse("det", "det.yaml", PLAN), kinds, plugins);
    SweepRunner runner = new SweepRunner(kinds, plugins, new PrintStream(new ByteArrayOutputStream()));
    SweepRunner.Outcome one = runner.run(sweep, dir.resolve("one"), EngineOptions.local(1), "test", false);
    SweepRunner.Outcome four = runner.run(sweep, dir.resolve("four"), EngineOptions.local(4), "test", false);
    assertThat(one.failures()).isEmpty();
    assertThat(four.failures()).isEmpty();
    assertThat(one.ran()).isEqualTo(12);
    assertThat(four.ran()).isEqualTo(12);
    SameResults.assertIdentical(sweep, new ResultStore(dir.resolve("one")), new ResultStore(dir.resolve("four")));
  }
}
