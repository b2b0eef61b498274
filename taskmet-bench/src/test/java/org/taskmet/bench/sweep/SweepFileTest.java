package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {
  static final String PLAN = """
      description: a grid
      kind: decision
      seeds: 2
      base: {taskConfig: {instances: 4}, methodConfig: {iterations: 7}}
      axes:
        task: [cubic, budget]
        method:
          MSE: {method: mse}
          DFL α=10: {method: dfl, methodConfig: {alpha: 10}}
        methodConfig.cgIterations: [5, 20]
      where:
        - match: {task: budget, method: dfl}
          set: {methodConfig.iterations: 150}
      """;

  static SweepFile parse(String text) {
    return SweepFile.parse("plan", "plan.yaml", text);
  }

  @Test
  void expandsTheCrossProductFirstAxisOutermostSeedsInnermost() {
    List<SweepFile.Planned> trials = parse(PLAN).expand(List.of("datasetSeed", "seed"));
    assertThat(trials).hasSize(2 * 2 * 2 * 2);
    assertThat(trials.get(0).labels()).containsExactly(Map.entry("task", "cubic"), Map.entry("method", "MSE"),
        Map.entry("methodConfig.cgIterations", "5"), Map.entry("seed", "0"));
    assertThat(trials.get(1).labels()).containsEntry("seed", "1").containsEntry("methodConfig.cgIterations", "5");
    assertThat(trials.get(2).labels()).containsEntry("seed", "0").containsEntry("methodConfig.cgIterations", "20");
    assertThat(trials.get(15).labels()).containsExactly(Map.entry("task", "budget"), Map.entry("method", "DFL α=10"),
        Map.entry("methodConfig.cgIterations", "20"), Map.entry("seed", "1"));
  }

  @Test
  void specsMergeBaseAxesSeedsAndMatchingRules() {
    List<SweepFile.Planned> trials = parse(PLAN).expand(List.of("datasetSeed", "seed"));
    Map<String, Object> cubicDfl = trials.get(5).spec();
    assertThat(trials.get(5).labels()).containsEntry("task", "cubic").containsEntry("method", "DFL α=10");
    assertThat(cubicDfl).containsEntry("task", "cubic").containsEntry("method", "dfl").containsEntry("seed", 1L)
        .containsEntry("datasetSeed", 1L).containsEntry("taskConfig", Map.of("instances", 4));
    assertThat(cubicDfl.get("methodConfig")).isEqualTo(Map.of("iterations", 7, "alpha", 10, "cgIterations", 5));
    Map<String, Object> budgetDfl = trials.get(13).spec();
    assertThat(trials.get(13).labels()).containsEntry("task", "budget").containsEntry("method", "DFL α=10");
    assertThat(budgetDfl.get("methodConfig")).as("the where rule matched budget × dfl only")
        .isEqualTo(Map.of("iterations", 150, "alpha", 10, "cgIterations", 5));
    assertThat(trials.get(9).spec().get("methodConfig")).as("budget × mse keeps the base")
        .isEqualTo(Map.of("iterations", 7, "cgIterations", 5));
  }

  @Test
  void seedsAreACountAListOrAnOverride() {
    assertThat(parse("kind: k\nseeds: [3, 9]\n").expand(List.of("seed"))).extracting(p -> p.spec().get("seed"))
        .containsExactly(3L, 9L);
    assertThat(parse("kind: k\nseeds: [3, 9]\n").withSeeds(3).expand(List.of("seed")))
        .extracting(p -> p.labels().get("seed")).containsExactly("0", "1", "2");
    SweepFile noSeeds = parse("kind: k\naxes: {x: [1, 2.5]}\n");
    assertThat(noSeeds.expand(List.of("seed"))).extracting(SweepFile.Planned::labels)
        .containsExactly(Map.of("x", "1"), Map.of("x", "2.5"));
    assertThat(noSeeds.labels("x")).containsExactly("1", "2.5");
    assertThat(noSeeds.labelNames()).containsExactly("x");
    assertThatThrownBy(() -> parse("kind: k\nseeds: 2\n").expand(List.of()))
        .hasMessageContaining("trial kind 'k' has no seed fields");
  }

  @Test
  void numbersMatchByValueInRules() {
    SweepFile f = parse("""
        kind: k
        axes: {alpha: [10, 0.5]}
        where: [{match: {alpha: 10.0}, set: {hit: true}}]
        """);
    assertThat(f.expand(List.of())).extracting(p -> p.spec().get("hit")).containsExactly(true, null);
    SweepFile oneDataSet = parse("kind: k\nseeds: 2\nwhere: [{match: {}, set: {datasetSeed: 0}}]\n");
    assertThat(oneDataSet.expand(List.of("datasetSeed", "seed"))).extracting(p -> p.spec().get("datasetSeed"))
        .as("an empty match applies to every trial, after the seeds").containsExactly(0, 0);
  }

  @Test
  void aRuleCanGiveItsGridPointsOtherSeeds() {
    SweepFile f = parse("""
        kind: k
        seeds: 2
        axes: {task: [cubic, portfolio]}
        where:
          - {match: {task: portfolio}, seeds: 4}
          - {match: {task: portfolio, seed: 3}, set: {late: true}}
        """);
    List<SweepFile.Planned> trials = f.expand(List.of("datasetSeed", "seed"));
    assertThat(trials).extracting(p -> p.labels().get("task") + p.labels().get("seed"))
        .containsExactly("cubic0", "cubic1", "portfolio0", "portfolio1", "portfolio2", "portfolio3");
    assertThat(trials.get(5).spec()).containsEntry("datasetSeed", 3L).containsEntry("late", true);
    assertThat(f.labels("seed")).containsExactly("0", "1", "2", "3");
    // --seeds N means N seeds for every trial
    assertThat(f.withSeeds(3).expand(List.of("seed"))).hasSize(6);
  }

  @Test
  void mistakesNameTheFileAndTheKey(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> parse("kind: decision\nseed: 3\n"))
        .hasMessage("sweep file plan.yaml: 'seed' is not a sweep-file key; accepted: axes, base, description, kind, "
            + "seeds, where");
    assertThatThrownBy(() -> parse("seeds: 3\n")).hasMessageContaining("'kind' must name the trial kind");
    assertThatThrownBy(() -> parse("kind: k\nseeds: 0\n")).hasMessageContaining("'seeds' must be a count in 1..100000");
    assertThatThrownBy(() -> parse("kind: k\nseeds: [1, 1]\n")).hasMessageContaining("lists seed 1 twice");
    assertThatThrownBy(() -> parse("kind: k\naxes: {task: cubic}\n"))
        .hasMessageContaining("'axes.task' must be a list of values or a map of label → partial spec");
    assertThatThrownBy(() -> parse("kind: k\naxes: {m: {A: 3}}\n")).hasMessageContaining("'axes.m.A' must be a map");
    assertThatThrownBy(() -> parse("kind: k\naxes: {seed: [1]}\n")).hasMessageContaining("'axes.seed'");
    assertThatThrownBy(() -> parse("kind: k\nwhere: [{match: {a: 1}}]\n"))
        .hasMessageContaining("'where[0]' must have the key 'match' and 'set', 'seeds' or both");
    assertThatThrownBy(() -> parse("kind: k\nwhere: [{match: {a: 1}, seeds: 0}]\n"))
        .hasMessageContaining("'where[0].seeds' must be a count in 1..100000");
    assertThatThrownBy(() -> parse("kind: [k\n")).hasMessageStartingWith("sweep file plan.yaml is not valid YAML");
    assertThatThrownBy(() -> SweepFile.read(dir.resolve("missing.yaml")))
        .hasMessage("sweep file " + dir.resolve("missing.yaml") + " does not exist");
    Path f = Files.writeString(dir.resolve("grid.yml"), "kind: k\n");
    assertThat(SweepFile.read(f).name()).isEqualTo("grid");
  }

  @Test
  void yamlMistakesAreOneLineWithWhereTheyAre() {
    assertThatThrownBy(() -> parse("kind: k\nseeds: 2\nseeds: 3\n"))
        .hasMessage("sweep file plan.yaml is not valid YAML: duplicate key 'seeds' (line 3, column 6)");
    assertThatThrownBy(() -> parse("kind: k\naxes: {x: [1, 2\n"))
        .hasMessageStartingWith("sweep file plan.yaml is not valid YAML: ").hasMessageContaining("(line ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Feature"));
  }

  @Test
  void sweepsBeyondTheTrialLimitAreRejectedBeforeAnyIsPlanned() {
    assertThatThrownBy(() -> parse("kind: k\nseeds: 2000000000\n"))
        .hasMessage("sweep file plan.yaml: 'seeds' must be a count in 1..100000 (at most 100000 trials per sweep) or "
            + "a list of seeds, got 2000000000");
    assertThatThrownBy(() -> parse("kind: k\nseeds: 99999999999999999999999\n")).hasMessageContaining("'seeds'");
    assertThatThrownBy(() -> parse("kind: k\n").withSeeds(2_000_000_000))
        .hasMessage("the number of seeds must be in 1..100000 (at most 100000 trials per sweep), got 2000000000");
    SweepFile big = parse("kind: k\nseeds: 1000\naxes: {a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: [1, 2, 3, 4, 5, 6, 7, 8, "
        + "9, 10, 11]}\n");
    assertThatThrownBy(() -> big.expand(List.of("seed")))
        .hasMessage("sweep file plan.yaml plans more than 100000 trials (10 a x 11 b x 1000 seed); split it into "
            + "several sweeps");
    assertThat(parse("kind: k\nseeds: 1000\naxes: {a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n").expand(List.of("seed")))
        .hasSize(10_000);
  }
}
