package org.taskmet.bench.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;

class FashionResultsTest {
  @TempDir Path dir;

  static FashionTrialRecord trial(String method, String flat, long seed, double a, double b) {
    // balanced accuracy: 0.1 below the accuracy in this fixture; the last step: 0.05 below
    return new FashionTrialRecord("multifashion", method, flat, seed, List.of("left", "right"), new double[] {a, b},
        (a + b) / 2, Math.min(a, b), a < b ? "left" : "right", new double[] {a - 0.1, b - 0.1}, (a + b) / 2 - 0.1,
        Math.min(a, b) - 0.1, new double[] {a - 0.05, b - 0.05}, (a + b) / 2 - 0.05, Math.min(a, b) - 0.05, 80,
        new double[] {1, 1}, 100, 2.0, 1.5, 15.0, new int[] {50, 100}, new double[] {0.5, 0.6},
        new int[] {0, 10, 20}, new double[][] {{1, 1}, {1.2, 0.8}, {1.5, 0.5}});
  }

  /** A trial of a sweep whose only axes are benchmark, method and flatness. */
  static FashionSummary.LabelledTrial plain(FashionTrialRecord r) {
    return new FashionSummary.LabelledTrial(r, "");
  }

  static ImageMtlTrial.Spec spec(String benchmark, String method, String trunk, int pool) {
    return new ImageMtlTrial.Spec(benchmark, method, "none", 0, 1, 100, 50, 0.1, pool, -1, 0, -1, 0, "d", "m", "l",
        trunk, new int[] {8}, 3, 16, 1e-3, 2, true, "joint", 1, 10);
  }

  @Test
  void theKindChecksEverySettingBeforeAnyTrialRuns() {
    ImageMtlTrialKind kind = new ImageMtlTrialKind();
    assertThat(kind.canonical(spec("multifashion", "mgda", "lenet", 1), null)).isNotNull();
    assertThatThrownBy(() -> kind.canonical(spec("multifashion", "nope", "lenet", 1), null))
        .hasMessageContaining("no aggregator plugin named 'nope'");
    assertThatThrownBy(() -> kind.canonical(spec("letters", "ls", "lenet", 1), null))
        .hasMessageContaining("trunk lenet does not apply to letters");
    assertThatThrownBy(() -> kind.canonical(spec("multifashion", "ls", "lenet", 2), null))
        .hasMessageContaining("use pool 1");
    assertThatThrownBy(() -> kind.canonical(spec("cifar", "ls", "mlp", 1), null))
        .hasMessageContaining("unknown benchmark 'cifar'");
    assertThatThrownBy(() -> kind.canonical(spec("multifashion", "cagrad/c=x", "mlp", 1), null))
        .hasMessageContaining("'c'");
    Map<String, Double> scores = kind.scores(trial("ls", "none", 0, 0.8, 0.6));
    assertThat(scores).containsEntry("averageAccuracy", 0.7).containsEntry("worstAccuracy", 0.6)
        .containsKeys("worstBalancedAccuracy", "finalAverageAccuracy", "finalWorstAccuracy");
  }

  @Test
  void resultsAndSpecsRoundTripThroughJson() throws Exception {
    FashionTrialRecord r = trial("mgda", "fs-mtl", 1, 0.6, 0.9);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    FashionTrialRecord back = json.readValue(json.writeValueAsString(r), FashionTrialRecord.class);
    assertThat(back.taskAccuracy()).containsExactly(0.6, 0.9);
    assertThat(back.traceWeights()).isDeepEqualTo(r.traceWeights());
    assertThat(back.evaluationSteps()).containsExactly(50, 100);
    ImageMtlTrial.Spec s = spec("multifashion", "lookahead-dro/entropyWeight=0.005", "lenet", 1);
    ImageMtlTrial.Spec sBack = json.readValue(json.writeValueAsString(s), ImageMtlTrial.Spec.class);
    assertThat(sBack.hidden()).containsExactly(8);
    assertThat(sBack.data()).isEqualTo(s.data());
  }

  @Test
  void summaryGivesMeanAndSampleStdPerConfiguration() {
    List<FashionSummary.Row> rows = FashionSummary.rows(List.of(plain(trial("ls", "none", 0, 0.8, 0.7)),
        plain(trial("ls", "none", 1, 0.9, 0.6)), plain(trial("ls", "none", 2, 0.7, 0.7)),
        plain(trial("ls", "fs-mtl", 0, 0.5, 0.5))));
    assertThat(rows).hasSize(2);
    FashionSummary.Row r = rows.get(0);
    assertThat(r.seeds()).isEqualTo(3);
    // averages 0.75, 0.75, 0.70 -> mean 0.7333, sample std 0.02887; worst 0.7, 0.6, 0.7
    assertThat(r.averageMean()).isCloseTo(0.733333, within(1e-6));
    assertThat(r.averageStd()).isCloseTo(0.0288675, within(1e-6));
    assertThat(r.worstMean()).isCloseTo(0.666667, within(1e-6));
    assertThat(r.worstStd()).isCloseTo(0.0577350, within(1e-6));
    assertThat(rows.get(1).averageStd()).isZero();
    assertThat(r.worstBalancedMean()).isCloseTo(0.566667, within(1e-6));
    assertThat(r.finalAverageMean()).isCloseTo(0.683333, within(1e-6));
    String md = FashionSummary.markdown(rows);
    assertThat(md).contains(
        "| multifashion | ls | none | 3 | 73.33 ± 2.89 | 66.67 ± 5.77 | 56.67 ± 5.77 | 68.33 / 61.67 | 15.0 |");
  }

  @Test
  void flatnessComparisonPairsBySeedAndPoolsWithTheSeedAsTheUnit() {
    // linear scalarization on seeds 0-2, PCGrad on seeds 0-1 (its seed 2 has no FS-MTL twin), MGDA without FS-MTL
    List<FlatnessComparison.Row> rows = FlatnessComparison.rows(List.of(
        plain(trial("ls", "none", 0, 0.8, 0.7)), plain(trial("ls", "fs-mtl", 0, 0.78, 0.69)),
        plain(trial("ls", "none", 1, 0.9, 0.6)), plain(trial("ls", "fs-mtl", 1, 0.92, 0.62)),
        plain(trial("ls", "none", 2, 0.7, 0.7)), plain(trial("ls", "fs-mtl", 2, 0.66, 0.68)),
        plain(trial("pcgrad", "none", 0, 0.7, 0.7)), plain(trial("pcgrad", "fs-mtl", 0, 0.72, 0.70)),
        plain(trial("pcgrad", "fs-mtl", 1, 0.8, 0.78)), plain(trial("pcgrad", "none", 1, 0.8, 0.8)),
        plain(trial("pcgrad", "none", 2, 0.9, 0.9)), plain(trial("mgda", "none", 0, 0.7, 0.7))));
    assertThat(rows).extracting(FlatnessComparison.Row::method, FlatnessComparison.Row::seeds,
        FlatnessComparison.Row::pairs, FlatnessComparison.Row::pairsAhead).containsExactly(
            tuple("ls", List.of(0L, 1L, 2L), 3, 1), tuple("pcgrad", List.of(0L, 1L), 2, 1),
            tuple(FlatnessComparison.POOLED, List.of(0L, 1L, 2L), 5, 2));
    // ls: average differences -0.015, +0.02, -0.03; worst -0.01, +0.02, -0.04 (t quantile 4.3027 at 2 dof)
    FlatnessComparison.Row ls = rows.get(0);
    assertThat(ls.average().mean()).isCloseTo(-0.0083333, within(1e-6));
    assertThat(ls.average().low()).isCloseTo(-0.0720714, within(1e-6));
    assertThat(ls.average().high()).isCloseTo(0.0554047, within(1e-6));
    assertThat(ls.worst().low()).isCloseTo(-0.0845241, within(1e-6));
    // pooled: per-seed means over the aggregators that ran the seed both ways: -0.0025, +0.005, -0.03
    FlatnessComparison.Row pooled = rows.get(2);
    assertThat(pooled.average().pairs()).isEqualTo(3);
    assertThat(pooled.average().mean()).isCloseTo(-0.0091667, within(1e-6));
    assertThat(pooled.average().low()).isCloseTo(-0.0549438, within(1e-6));
    assertThat(pooled.worst().high()).isCloseTo(0.0391405, within(1e-6));
    String md = FlatnessComparison.markdown(rows);
    assertThat(md).contains("| multifashion | ls | 0,1,2 | 1 / 3 | -0.83 [-7.21, +5.54] | -1.00 [-8.45, +6.45] |")
        .contains("| multifashion | all (seed means) | 0,1,2 | 2 / 5 | -0.92 [-5.49, +3.66] |");
    assertThat(FlatnessComparison.markdown(FlatnessComparison.rows(List.of(plain(trial("ls", "none", 0, 0.8, 0.7))))))
        .isEmpty();
  }

  @Test
  void flatnessComparisonPairsOnlyTrialsOfTheSameSetting() {
    List<FlatnessComparison.Row> rows = FlatnessComparison.rows(List.of(
        new FashionSummary.LabelledTrial(trial("ls", "none", 0, 0.8, 0.8), "lr=0.001"),
        new FashionSummary.LabelledTrial(trial("ls", "fs-mtl", 0, 0.7, 0.7), "lr=0.002"),
        new FashionSummary.LabelledTrial(trial("ls", "fs-mtl", 0, 0.9, 0.8), "lr=0.001")));
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.setting()).isEqualTo("lr=0.001");
      assertThat(r.average().mean()).isCloseTo(0.05, within(1e-12));
      assertThat(r.average().low()).isEqualTo(Double.NEGATIVE_INFINITY);
    });
    assertThat(FlatnessComparison.markdown(rows))
        .contains("| multifashion | ls | lr=0.001 | 0 | 1 / 1 | +5.00 | +0.00 |");
  }

  @Test
  void plotsArePngFiles() throws Exception {
    List<FashionSummary.LabelledTrial> trials = List.of(plain(trial("ls", "none", 0, 0.8, 0.7)),
        plain(trial("ls", "fs-mtl", 0, 0.5, 0.5)));
    List<FashionSummary.Row> rows = FashionSummary.rows(trials);
    Path png = FashionPlots.tradeOff(rows, "multifashion", dir);
    byte[] head = Files.readAllBytes(png);
    assertThat(head.length).isGreaterThan(1000);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    assertThat(Files.size(FashionPlots.weightTrajectory(plain(trial("group-dro", "none", 0, 0.5, 0.5)), dir)))
        .isGreaterThan(1000);
    assertThat(Files.size(FashionPlots.validationCurves(trials, "multifashion", 0, dir))).isGreaterThan(1000);
    assertThat(FashionPlots.validationCurves(trials, "letters", 0, dir)).isNull();
    List<Path> all = FashionPlots.all(List.of(plain(trial("group-dro", "none", 0, 0.8, 0.7)),
        plain(trial("ls", "none", 0, 0.5, 0.5))), rows, dir);
    assertThat(all).extracting(p -> p.getFileName().toString()).containsExactly("tradeoff-multifashion.png",
        "validation-multifashion.png", "weights-multifashion-group-dro-none-seed0.png");
  }

  @Test
  void trialsOfDifferentSettingsAreSeparateRowsAndPlotLines() throws Exception {
    // a sweep file over rho: the same method and flatness at two radii must not be averaged together
    Map<String, String> cell = new LinkedHashMap<>();
    cell.put("benchmark", "multifashion");
    cell.put("rho", "0.5");
    cell.put("method", "ls");
    cell.put("learningRate", "0.002");
    cell.put("flatness", "fs-mtl");
    assertThat(ImageMtlTrialKind.setting(cell)).isEqualTo("rho=0.5, learningRate=0.002");
    assertThat(ImageMtlTrialKind.setting(Map.of("benchmark", "multifashion", "method", "ls"))).isEmpty();

    List<FashionSummary.LabelledTrial> trials = List.of(
        new FashionSummary.LabelledTrial(trial("group-dro", "fs-mtl", 0, 0.8, 0.8), "rho=0.5"),
        new FashionSummary.LabelledTrial(trial("group-dro", "fs-mtl", 0, 0.6, 0.6), "rho=2"),
        new FashionSummary.LabelledTrial(trial("group-dro", "fs-mtl", 1, 0.7, 0.7), "rho=2"));
    List<FashionSummary.Row> rows = FashionSummary.rows(trials);
    assertThat(rows).extracting(FashionSummary.Row::setting, FashionSummary.Row::seeds)
        .containsExactly(tuple("rho=0.5", 1),
            tuple("rho=2", 2));
    assertThat(rows.get(0).averageMean()).isCloseTo(0.8, within(1e-12));
    assertThat(rows.get(1).averageMean()).isCloseTo(0.65, within(1e-12));
    assertThat(FashionSummary.markdown(rows)).startsWith("| benchmark | method | flatness | setting | seeds |")
        .contains("| multifashion | group-dro | fs-mtl | rho=0.5 | 1 | 80.00 ± 0.00 |");
    assertThat(FashionSummary.markdown(List.of(FashionSummary.rows(List.of(plain(trial("ls", "none", 0, 0.8, 0.7))))
        .get(0)))).doesNotContain("setting");
    // one line / point / weight plot per setting (duplicate series names would make XChart throw)
    assertThat(FashionPlots.all(trials, rows, dir)).extracting(p -> p.getFileName().toString()).containsExactly(
        "tradeoff-multifashion.png", "validation-multifashion.png",
        "weights-multifashion-group-dro-fs-mtl-rho-0.5-seed0.png", "weights-multifashion-group-dro-fs-mtl-rho-2-seed0.png");
  }

  @Test
  void flatnessProfilePlansOneTrialPerVariantChangingOneSettingEach() {
    Sweep sweep = Sweep.plan(SweepProfiles.discover().get("mtl-flatness", "full").read(), TrialKinds.discover(),
        PluginRegistry.discover());
    Map<String, Map<String, Object>> specs = new LinkedHashMap<>();
    sweep.trials().forEach(t -> specs.put(ImageMtlTrialKind.setting(t.group()), t.spec()));
    assertThat(specs).hasSize(8);
    Map<String, Object> reference = specs.get("variant=FS-MTL rho 2 ASAM");
    assertThat(reference).containsEntry("flatness", "fs-mtl").containsEntry("method", "ls")
        .containsEntry("epochs", 10).containsEntry("trainSize", -1);
    // each variant differs from the reference FS-MTL trial in exactly the settings it names
    Map<String, Map<String, Object>> expected = Map.of(
        "variant=plain", Map.of("flatness", "none"),
        "variant=rho 0.5 ASAM", Map.of("rho", 0.5),
        "variant=rho 0.1 ASAM", Map.of("rho", 0.1),
        "variant=SAM rho 0.05", Map.of("adaptive", false, "rho", 0.05),
        "variant=separate normalisation", Map.of("perturbationNorm", "separate"),
        "variant=plain lr 2e-3", Map.of("flatness", "none", "learningRate", 0.002),
        "variant=FS-MTL lr 2e-3", Map.of("learningRate", 0.002));
    expected.forEach((variant, changes) -> {
      Map<String, Object> spec = specs.get(variant);
      assertThat(spec).as(variant).isNotNull();
      Map<String, Object> differing = new HashMap<>();
      spec.forEach((k, v) -> {
        if (!Objects.equals(v, reference.get(k)) && !(v instanceof Number a
            && reference.get(k) instanceof Number b && a.doubleValue() == b.doubleValue())) {
          differing.put(k, v);
        }
      });
      assertThat(differing.keySet()).as(variant).isEqualTo(changes.keySet());
      changes.forEach((k, v) -> assertThat(spec.get(k) instanceof Number n ? n.doubleValue() : spec.get(k))
          .as(variant + " " + k).isEqualTo(v instanceof Number n ? n.doubleValue() : v));
    });
  }
}
