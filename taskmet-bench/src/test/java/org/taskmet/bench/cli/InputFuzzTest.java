package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.PluginKind;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.conformance.InputFuzz;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.embed.Taskmet;
import org.taskmet.tasks.budget.ClickMatrixFile;
import org.taskmet.tasks.fashion.IdxReader;
import org.taskmet.tasks.fashion.IdxWriter;
import org.taskmet.tasks.portfolio.PriceCsv;
import org.taskmet.tasks.rdata.RDataFiles;

/**
 * Property-based fuzzing of every input a user hands taskmet as a file or a value: run configs (YAML and JSON),
 * sweep files, {@code --set} values, predictor files, trial result files, IDX image files and letter-recognition
 * files (the real-data loaders of taskmet-tasks have theirs beside them: {@code PriceCsvTest},
 * {@code ClickMatrixFileTest}, {@code HugeStockdataTest}, {@code MovieLensClicksTest}). Each target gets
 * {@value #CASES} mutations of valid inputs ({@value #CLI_CASES} for the run config, which runs the CLI;
 * {@link InputFuzz}, seeded: a failure names its case and replays) and must give a valid result or a clear error of
 * the documented type naming the file or field: never another exception, an exit code 1 (internal error), a
 * multi-line message, or an allocation beyond what the input's size justifies.
 *
 * <p>{@link #coverageGuided} runs the same targets under Jazzer: in a normal build on its seed corpus only; with
 * {@code JAZZER_FUZZ=1} as a coverage-guided fuzzer for {@code maxDuration} (docs/RELIABILITY.md).
 */
class InputFuzzTest {
  static final int CASES = 400;
  /** Fewer for the target that runs the whole CLI (a trial per valid config: about 0.1 s a case). */
  static final int CLI_CASES = 120;
  /** Allocation allowed per IDX case: stream and gzip buffers plus twice the largest array a seed holds. */
  static final long IDX_ALLOCATION_LIMIT = 4L << 20;

  @TempDir static Path dir;
  static int fileCounter;

  static final String RUN_YAML = "task: cubic\nmethod: mse\ntaskConfig: {instances: 2}\n"
      + "methodConfig: {iterations: 3, learningRate: 0.01}\nseed: 2\ndatasetSeed: 1\n";
  static final String RUN_JSON = "{\"task\": \"cubic\", \"method\": \"mse\", \"methodConfig\": {\"iterations\": 3},"
      + " \"seed\": 1}";
  static final String SWEEP = "description: grid\nkind: decision\nseeds: [0, 3]\nbase: {taskConfig: {items: 10}}\n"
      + "axes:\n  task: [cubic]\n  method:\n    MSE: {method: mse}\n    DFL: {method: dfl, methodConfig: {alpha: 10}}\n"
      + "where:\n  - match: {method: dfl}\n    set: {methodConfig.iterations: 5}\n";
  static final String SETS = "items=20\nk=2\ntrainInstances=30\nsoftTopkEpsilon=0.05\nsoftTopkIterations=40";

  final FakePlugins.CountingExecutor executor = new FakePlugins.CountingExecutor();

  /** The CLI reads the run config: exit 0 or 2 with one line, never 1 (an internal error) or a stack trace. */
  @Test
  void runConfigFiles() {
    property("run config", CLI_CASES, List.of(RUN_YAML, RUN_JSON), (bytes, name) -> {
      Path f = write(name.endsWith("1") ? "run.json" : "run.yaml", bytes);
      CliRun r = CliRun.of(executor, "run", "--config", f.toString(), "--out", dir.resolve("out").toString());
      assertThat(r.code()).as(r.err()).isIn(0, 2);
      if (r.code() == 2) {
        oneLineError(r.err());
      }
    });
  }

  /** A sweep file parses and expands to at most MAX_TRIALS trials, or says what is wrong in it. */
  @Test
  void sweepFiles() {
    property("sweep file", List.of(SWEEP), (bytes, name) -> {
      try {
        List<SweepFile.Planned> planned = SweepFile.parse("fuzz", "fuzz.yaml", text(bytes))
            .expand(List.of("datasetSeed", "seed"));
        assertThat(planned.size()).isLessThanOrEqualTo(SweepFile.MAX_TRIALS);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("sweep file fuzz.yaml").doesNotContain("\n");
      }
    });
  }

  /** {@code --set key=value} lines bound to the real cubic task: a config, or an error naming the task. */
  @Test
  void setValues() {
    PluginRegistry real = PluginRegistry.discover();
    property("--set", List.of(SETS), (bytes, name) -> {
      List<String> pairs = text(bytes).lines().toList();
      try {
        Map<String, Object> values = KeyValues.parse("--set", pairs);
        Record config = PluginConfigs.withOverrides(real.provider(PluginKind.TASK, "cubic"), values);
        Plugins.create(real, PluginKind.TASK, org.taskmet.api.Task.class, "cubic", PluginConfigs.toMap(config));
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).containsAnyOf("--set", "'cubic'", "cubic:").doesNotContain("\n")
            .doesNotContain("DeserializationFeature");
      }
    });
  }

  /** A predictor file loads, or the error names the file (never a Jackson or array exception). */
  @Test
  void predictorFiles() {
    Path out = dir.resolve("predictor-seed");
    CliRun.of(executor, "run", "--task", "cubic", "--method", "mse", "--out", out.toString(), "--save",
        out.resolve("p.json").toString());
    String seed = read(out.resolve("p.json"));
    Taskmet taskmet = new Taskmet(FakePlugins.registry());
    property("predictor file", List.of(seed), (bytes, name) -> {
      Path f = write("p.json", bytes);
      try {
        taskmet.load(f);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("predictor file " + f).doesNotContain("\n");
      }
    });
  }

  /** A result file loads as a record or is reported unreadable, naming it. */
  @Test
  void trialResultFiles() {
    Path out = dir.resolve("result-seed");
    CliRun.of(executor, "run", "--task", "cubic", "--method", "mse", "--out", out.toString());
    ResultStore store = new ResultStore(out);
    String id;
    try (var files = Files.list(out.resolve("trials"))) {
      id = files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".predictor.json"))
          .findFirst().orElseThrow().replace(".json", "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String seed = read(store.trialFile(id));
    property("result file", List.of(seed), (bytes, name) -> {
      try {
        Files.write(store.trialFile(id), bytes);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      try {
        store.load(id);
      } catch (ResultStore.UnreadableResultException e) {
        assertThat(e.getMessage()).startsWith("result file " + store.trialFile(id) + " is unreadable: ")
            .doesNotContain("\n").doesNotContain("REDACTED");
      }
    });
  }

  /** An IDX file reads or fails with an IdxFormatException naming it, allocating only what its data needs. */
  @Test
  void idxFiles() throws Exception { // a damaged gzip stream too: an IdxFormatException
    byte[] pixels = new byte[2 * 5 * 7];
    new SplittableRandom(1).nextBytes(pixels);
    List<byte[]> seeds = new ArrayList<>();
    for (boolean gzip : new boolean[] {false, true}) {
      Path f = dir.resolve("seed" + gzip + ".idx");
      IdxWriter.write(f, new int[] {2, 5, 7}, pixels, gzip);
      seeds.add(Files.readAllBytes(f));
    }
    InputFuzz.property("IDX file", CASES, seeds, (bytes, name) -> {
      Path f = write("images.idx", bytes);
      assertThat(InputFuzz.allocatedBytes(() -> {
        try {
          IdxReader.readImages(f);
        } catch (IdxReader.IdxFormatException e) {
          assertThat(e.getMessage()).startsWith("invalid IDX file " + f + ": ");
        }
      })).as("bytes allocated").isLessThan(IDX_ALLOCATION_LIMIT);
    });
  }

  /** A letter-recognition file (i17's loader) loads, or the error names the file and the line. */
  @Test
  void letterRecognitionFiles() {
    String seed = "T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8\nI,5,12,3,7,2,10,5,5,4,13,3,9,2,8,4,10\n";
    property("letter file", List.of(seed), (bytes, name) -> {
      Path f = write("letters.data", bytes);
      try {
        org.taskmet.tasks.fashion.LetterRecognition.load(f);
      } catch (java.io.UncheckedIOException e) {
        assertThat(e.getMessage()).startsWith("invalid letter-recognition file " + f + ": ");
      }
    });
  }

  /**
   * The same targets under Jazzer (coverage-guided with JAZZER_FUZZ=1), with the real-data loaders of taskmet-tasks
   * (price CSV, click matrix, R data file; their property tests live beside them): the first byte picks the target.
   */
  @FuzzTest(maxDuration = "60s")
  void coverageGuided(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
    switch (Math.floorMod(input[0], 6)) {
      case 0 -> {
        try {
          SweepFile.parse("fuzz", "fuzz.yaml", text(rest)).expand(List.of("seed"));
        } catch (IllegalArgumentException e) {
          assertThat(e.getMessage()).startsWith("sweep file fuzz.yaml");
        }
      }
      case 1 -> {
        Path f = write("run.yaml", rest);
        assertThat(CliRun.of(executor, "run", "--config", f.toString(), "--out", dir.resolve("out").toString())
            .code()).isIn(0, 2);
      }
      case 2 -> {
        Path f = write("images.idx", rest);
        try {
          IdxReader.readImages(f);
        } catch (java.io.IOException e) {
          assertThat(e).hasMessageContaining(f.toString());
        }
      }
      case 3 -> {
        Path f = write("prices.csv", rest);
        try {
          new PriceCsv(f).load(null);
        } catch (IllegalArgumentException e) {
          assertThat(e).hasMessageContaining(f.toString());
        }
      }
      case 4 -> {
        Path f = write("clicks.txt", rest);
        try {
          ClickMatrixFile.read(f);
        } catch (IllegalArgumentException e) {
          assertThat(e).hasMessageContaining(f.toString());
        }
      }
      default -> {
        Path f = write("data.rda", rest);
        try {
          RDataFiles.readRda(f);
        } catch (IllegalArgumentException | java.io.IOException e) {
          assertThat(e).hasMessageContaining(f.toString());
        }
      }
    }
  }

  private static void oneLineError(String err) {
    assertThat(err.strip()).startsWith("taskmet: error: ").doesNotContain("\n").doesNotContain("Exception")
        .doesNotContain("DeserializationFeature").doesNotContain("REDACTED");
  }

  private static void property(String what, List<String> seeds, InputFuzz.Target target) {
    property(what, CASES, seeds, target);
  }

  private static void property(String what, int cases, List<String> seeds, InputFuzz.Target target) {
    InputFuzz.property(what, cases, InputFuzz.utf8(seeds.toArray(String[]::new)), target);
  }

  private static Path write(String name, byte[] bytes) {
    try {
      Path f = dir.resolve((fileCounter++ % 4) + "-" + name);
      Files.write(f, bytes);
      return f;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
