package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.IdxWriter;
import picocli.CommandLine;

class MtlFashionCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new MtlFashionCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void rejectsBadFlagsNamingTheFlagAndValue() {
    assertThat(run("--seeds", "0").err()).contains("--seeds must be >= 1, got 0");
    assertThat(run("--methods", "ls,nope").err()).contains("no aggregator plugin named 'nope'").contains("mgda");
    assertThat(run("--flatness", "sam").err()).contains("unknown flatness option 'sam'");
    assertThat(run("--benchmarks", "cifar").err()).contains("unknown benchmark 'cifar'");
    assertThat(run("--flip", "0.5").err()).contains("--flip must be in [0, 0.5), got 0.5");
    assertThat(run("--pool", "3").err()).contains("--pool must be 1, 2 or 4");
    assertThat(run("--lr", "-1").exit()).isEqualTo(2);
    assertThat(run("--hidden", "64,0").err()).contains("--hidden must be >= 1, got 0");
  }

  @Test
  void missingDatasetSaysHowToInstallIt() {
    Run r = run("--data-dir", dir.resolve("absent").toString(), "--out", dir.resolve("out").toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("apt-get install dataset-fashion-mnist").contains("--data-dir");
  }

  private void writeTinyDataset(Path data) throws Exception {
    Files.createDirectories(data);
    SplittableRandom rng = new SplittableRandom(1);
    for (String prefix : List.of("train", "t10k")) {
      int n = 60;
      byte[] pixels = new byte[n * 784];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = i % 10;
        // class-dependent stripe so there is something to learn
        for (int j = 0; j < 784; j++) {
          int col = j % 28;
          pixels[i * 784 + j] = (byte) ((col / 3 == labels[i] ? 200 : 0) + rng.nextInt(40));
        }
      }
      IdxWriter.writeSplit(data, prefix, new FashionMnist.Split(n, 28, 28, pixels, labels));
    }
  }

  @Test
  void tinyEndToEndRunWritesEveryTrialAndResumes() throws Exception {
    Path data = dir.resolve("data");
    writeTinyDataset(data);
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--out", out.toString(),
        "--train-size", "48", "--test-size", "20", "--epochs", "1", "--batch-size", "16", "--hidden", "8",
        "--methods", "ls,group-dro", "--trace-every", "1", "--pool", "4"));
    List<String> firstArgs = new ArrayList<>(args);
    firstArgs.addAll(List.of("--seeds", "2"));
    Run first = run(firstArgs.toArray(String[]::new));
    assertThat(first.exit()).as(first.err()).isZero();
    // 2 benchmarks x 2 seeds x 2 methods x 2 flatness options
    assertThat(Files.readAllLines(out.resolve("trials.jsonl"))).hasSize(16);
    assertThat(Files.readAllLines(out.resolve("trials.csv"))).hasSize(17);
    assertThat(first.out()).contains("| one-vs-rest | group-dro | fs-mtl | 2 |").contains("wall time:");
    assertThat(out.resolve("tradeoff-multifashion.png")).exists();
    assertThat(out.resolve("tradeoff-one-vs-rest.png")).exists();
    assertThat(out.resolve("weights-one-vs-rest-group-dro-none-seed0.png")).exists();
    assertThat(out.resolve("summary.md")).exists();
    assertThat(Files.readString(out.resolve("weights-one-vs-rest-group-dro-none-seed1.csv")))
        .startsWith("step,ovr-0-noisy,ovr-1,");

    args.add("--resume");
    args.add("--seeds");
    args.add("3");
    Run resumed = run(args.toArray(String[]::new));
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("24 trials (8 run now, 16 kept from an earlier run)");
    assertThat(Files.readAllLines(out.resolve("trials.jsonl"))).hasSize(24);
  }
}
