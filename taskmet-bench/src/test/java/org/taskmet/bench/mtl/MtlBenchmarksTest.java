package org.taskmet.bench.mtl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.mtl.aggregate.LookaheadDroProvider;
import org.taskmet.core.provenance.BuildInfo;
import org.taskmet.tasks.mtl.TwoTaskToy;

class MtlBenchmarksTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @Test
  void toyRunDescendsAndWritesItsFiles(@TempDir Path dir) throws Exception {
    ToyExperiment.Config config = new ToyExperiment.Config("cagrad", 1.0, new double[][] {{-8.5, 7.5}, {9, 9}}, 1500,
        1e-3, 0.5, 50, List.of("ls", "cagrad"));
    ToyExperiment.Result r = ToyExperiment.run(config);
    TwoTaskToy toy = new TwoTaskToy(1.0);
    assertThat(r.finals()).hasSize(4);
    for (ToyExperiment.FinalPoint f : r.finals()) {
      double[] start = toy.losses(f.start());
      assertThat(f.loss1() + f.loss2()).as(f.method()).isLessThan(start[0] + start[1]);
    }
    assertThat(r.trajectories().get(0).points()).hasSize(31);
    for (Path p : ToyExperiment.write(r, dir)) {
      assertThat(Files.size(p)).as(p.toString()).isPositive();
    }
    assertNamesTheBuild(dir.resolve("toy-cagrad-final.json"));
    byte[] png = Files.readAllBytes(dir.resolve("toy-cagrad.png"));
    assertThat(java.util.Arrays.copyOf(png, 4)).isEqualTo(PNG_MAGIC);
  }

  @Test
  void groupDroDriftsOntoTheUnlearnableTaskWhileLookaheadDroDoesNot(@TempDir Path dir) throws Exception {
    StressExperiment.Config config = new StressExperiment.Config(0, 1, 300, 0.05, 32, 300, 200,
        List.of("ls", "group-dro", "lookahead-dro"), new LookaheadDroProvider.Config(0.5, 0.1, 0.01, 10, 0.1, true, 0.9),
        0.4, 0, 10);
    List<StressExperiment.Run> runs = StressExperiment.run(config, s -> { });
    StressExperiment.Run dro = runs.get(1);
    StressExperiment.Run ldro = runs.get(2);
    // q_10 ∝ exp(η_q Σ ℓ_10): ℓ_10 stays ≈ 1 while the others fall, so its share must grow well past 1/10
    assertThat(dro.finalWeightShares()[9]).isGreaterThan(0.3);
    assertThat(ldro.finalWeightShares()[9]).isLessThan(0.2);
    assertThat(runs.get(0).finalWeightShares()[9]).isEqualTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    List<StressReport.Row> rows = StressReport.table(config, runs);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).averageMse().mean()).isFinite();
    for (Path p : StressReport.write(config, runs, rows, 1.0, dir)) {
      assertThat(Files.size(p)).as(p.toString()).isPositive();
    }
    assertThat(Files.readString(dir.resolve("stress-table.md"))).contains("| group-dro |");
    assertNamesTheBuild(dir.resolve("stress-summary.json"));
  }

  /** A result file can be traced to the code that wrote it. */
  static void assertNamesTheBuild(Path json) throws Exception {
    JsonNode build = new ObjectMapper().readTree(json.toFile()).get("build");
    assertThat(build.get("version").asText()).isEqualTo(BuildInfo.current().version());
    assertThat(build.get("commit").asText()).isEqualTo(BuildInfo.current().commit());
  }
}
