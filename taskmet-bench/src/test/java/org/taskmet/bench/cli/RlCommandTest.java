package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Environment;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.TaskmetModule;

/** {@code taskmet rl cartpole} with the real plugins: a short run, its files, resume, and the errors. */
class RlCommandTest {
  @TempDir Path dir;
  String out;
  String err;

  int run(TaskmetModule plugins, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = TaskmetCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true), plugins, new BenchModule());
    out = o.toString();
    err = e.toString();
    return code;
  }

  int run(String... args) {
    return run(new TaskmetModule(PluginRegistry.discover()), args);
  }

  @Test
  void shortRunWritesEveryResultFileAndResumes() throws Exception {
    Path results = dir.resolve("rl");
    String[] args = {"rl", "cartpole", "--steps", "1100", "--seeds", "1", "--distractors", "3",
        "--methods", "mle,taskmet", "--jobs", "2", "--out", results.toString()};
    assertThat(run(args)).as(err).isZero();
    assertThat(out).contains("2 trials = methods [mle, taskmet] x distractors [3] x 1 seeds, 1,100 steps each")
        .contains("ms CPU per update").contains("estimated:").contains("| MLE |").contains("| TaskMet |")
        .contains("TaskMet's learned metric").contains("(0 resumed");
    try (var trials = Files.list(results.resolve("trials"))) {
      assertThat(trials.map(p -> p.getFileName().toString()))
          .hasSize(2).allMatch(n -> n.matches("(mle|taskmet)_3_s0_[0-9a-f]{8}\\.json"));
    }
    assertThat(Files.readAllLines(results.resolve("summary.csv"))).hasSize(3);
    assertThat(Files.readString(results.resolve("table.md"))).contains("## Final return");
    for (String png : new String[] {"return-vs-distractors.png", "return-curves.png", "metric-heatmap.png"}) {
      byte[] head = Files.readAllBytes(results.resolve(png));
      assertThat(head).as(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    assertThat(run(args)).isZero();
    assertThat(out).doesNotContain("ms CPU per update").contains("(2 resumed");
  }

  @Test
  void badOptionsAreNamedWithTheAcceptedValues() {
    assertThat(run("rl", "cartpole", "--methods", "mle,dqn")).isEqualTo(2);
    assertThat(err).contains("unknown RL method 'dqn'; accepted: [mle, omd, taskmet]");
    assertThat(run("rl", "cartpole", "--profile", "huge")).isEqualTo(2);
    assertThat(err).contains("unknown profile 'huge'; accepted: default, paper");
    assertThat(run("rl", "cartpole", "--metric", "nope")).isEqualTo(2);
    assertThat(err).contains("unknown metric 'nope'; accepted:").contains("normalized-diagonal");
    assertThat(run("rl", "cartpole", "--q-level", "exact")).isEqualTo(2);
    assertThat(err).contains("--q-level exact; expected identity or cg");
    assertThat(run("rl", "cartpole", "--distractors", "-4")).isEqualTo(2);
    assertThat(err).contains("distractors must be >= 0, got -4");
    assertThat(run("rl", "cartpole", "--distractors", "2000000000")).isEqualTo(2);
    assertThat(err).contains("rl: the config asks for").contains("(the replay buffer)")
        .contains("the limit is 100000000");
  }

  @Test
  void anEnvironmentPluginWithAWrongObservationSizeIsNamed() {
    TaskmetModule broken = new TaskmetModule(PluginRegistry.discover())
        .override(new BrokenCartPole(3, x -> x));
    assertThat(run(broken, "rl", "cartpole", "--steps", "1100", "--seeds", "1", "--distractors", "0", "--methods",
        "mle", "--out", dir.toString())).isNotZero();
    assertThat(err).contains("environment 'cartpole'").contains("returned an observation of 3 values, but its "
        + "observationSize() is 4").doesNotContain("at org.");
    assertThat(dir.resolve("trials")).doesNotExist();
  }

  @Test
  void anEnvironmentPluginReturningNaNIsNamed() {
    TaskmetModule broken = new TaskmetModule(PluginRegistry.discover())
        .override(new BrokenCartPole(4, x -> x > 0.02 ? Double.NaN : x));
    assertThat(run(broken, "rl", "cartpole", "--steps", "1100", "--seeds", "1", "--distractors", "2", "--methods",
        "mle", "--out", dir.toString())).isNotZero();
    assertThat(err).contains("environment 'cartpole'").contains("returned a non-finite observation value NaN");
  }

  /** A plugin named {@code cartpole} that declares 4 observation values and returns {@code size}, mapped by f. */
  static final class BrokenCartPole implements PluginProvider<Environment, NoConfig> {
    private final int size;
    private final DoubleUnaryOperator f;

    BrokenCartPole(int size, DoubleUnaryOperator f) {
      this.size = size;
      this.f = f;
    }

    public String name() {
      return "cartpole";
    }

    public PluginKind kind() {
      return PluginKind.ENVIRONMENT;
    }

    public String description() {
      return "a broken cartpole";
    }

    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    public NoConfig defaultConfig() {
      return new NoConfig();
    }

    public Environment create(NoConfig c) {
      return new Environment() {
        private java.util.SplittableRandom rng;

        public int observationSize() {
          return 4;
        }

        public int actionCount() {
          return 2;
        }

        public double[] reset(long seed) {
          rng = new java.util.SplittableRandom(seed);
          return observation();
        }

        public Step step(int action) {
          return new Step(observation(), 1.0, rng.nextInt(20) == 0, false);
        }

        private double[] observation() {
          double[] o = new double[size];
          for (int i = 0; i < size; i++) {
            o[i] = f.applyAsDouble(rng.nextDouble(-0.05, 0.05));
          }
          return o;
        }
      };
    }
  }
}
