package org.taskmet.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taskmet.bench.mtl.MtlMethods;
import org.taskmet.bench.mtl.StepCost;
import org.taskmet.bench.mtl.StressExperiment;
import org.taskmet.bench.mtl.StressReport;
import org.taskmet.bench.mtl.ToyExperiment;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.mtl.aggregate.LookaheadDroProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet mtl}: the multi-task learning benchmarks (toy trajectories, DRO stress test). */
@Command(name = "mtl", mixinStandardHelpOptions = true,
    description = "Multi-task learning benchmarks: gradient aggregators, group DRO, Lookahead-DRO, FS-MTL.",
    subcommands = {MtlCommand.Toy.class, MtlCommand.Stress.class, MtlFashionCommand.class,
        MtlManyTaskCommand.class})
public final class MtlCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code mtl} on its own (the {@code taskmet} launcher mounts it as a subcommand). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlCommand()).execute(args));
  }

  /** {@code taskmet mtl toy}. */
  @Command(name = "toy", mixinStandardHelpOptions = true,
      description = "The 2-task toy of CAGrad/Nash-MTL (mtl.md §4.1): Adam trajectories of every aggregator "
          + "from the standard starting points; writes toy-<setup>-final.json, -trajectories.csv and .png.")
  static final class Toy implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "results/mtl", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--setup", defaultValue = "both",
        description = "cagrad (s=1, 3 starts), nash-mtl (s=0.1, 5 starts) or both (default: ${DEFAULT-VALUE})")
    String setup;

    @Option(names = "--iterations", defaultValue = "-1",
        description = "Adam steps per run (default: the paper's, 100000 for cagrad and 35000 for nash-mtl)")
    int iterations;

    @Option(names = "--methods", split = ",", description = "aggregators (default: all)")
    List<String> methods;

    @Override
    public Integer call() throws Exception {
      List<String> m = MtlMethods.validate(methods == null ? MtlMethods.ALL : methods);
      List<ToyExperiment.Config> configs = new ArrayList<>();
      if (!List.of("cagrad", "nash-mtl", "both").contains(setup)) {
        throw new IllegalArgumentException("--setup " + setup + "; expected cagrad, nash-mtl or both");
      }
      if (!setup.equals("nash-mtl")) {
        configs.add(ToyExperiment.Config.cagrad(iterations > 0 ? iterations : 100_000, m));
      }
      if (!setup.equals("cagrad")) {
        configs.add(ToyExperiment.Config.nashMtl(iterations > 0 ? iterations : 35_000, m));
      }
      for (ToyExperiment.Config c : configs) {
        ToyExperiment.Result r = ToyExperiment.run(c);
        System.out.printf("toy setup %s (s=%.1f, %d Adam steps, lr %.0e)%n", c.setup(), c.scale(), c.iterations(),
            c.learningRate());
        System.out.println("| method | start | end (x1, x2) | L1 | L2 | max | on Pareto set |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (ToyExperiment.FinalPoint f : r.finals()) {
          System.out.printf("| %s | (%.1f, %.1f) | (%.3f, %.3f) | %.3f | %.3f | %.3f | %s |%n", f.method(), f.start()[0],
              f.start()[1], f.end()[0], f.end()[1], f.loss1(), f.loss2(), f.worstLoss(), f.reachedPareto() ? "yes" : "no");
        }
        for (Path p : ToyExperiment.write(r, out)) {
          System.out.println("wrote " + p);
        }
      }
      return 0;
    }
  }

  /** {@code taskmet mtl stress}. */
  @Command(name = "stress", mixinStandardHelpOptions = true,
      description = "The DRO stress test (mtl.md §4.4): average and worst-task test MSE per aggregator over seeds, "
          + "task-weight trajectories, cost per step; writes stress-*.json/.csv/.md/.png.")
  static final class Stress implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "results/mtl", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seeds", defaultValue = "5", description = "number of seeds (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "first seed (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--steps", defaultValue = "3000", description = "SGD steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", defaultValue = "0.05", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--batch", defaultValue = "64", description = "rows per task per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--train-rows", defaultValue = "2000", description = "training rows per task, task 9 has 30 "
        + "(default: ${DEFAULT-VALUE})")
    int trainRows;

    @Option(names = "--test-rows", defaultValue = "5000", description = "test rows per task (default: ${DEFAULT-VALUE})")
    int testRows;

    @Option(names = "--methods", split = ",", description = "aggregators (default: all)")
    List<String> methods;

    @Option(names = "--cagrad-c", defaultValue = "0.4", description = "CAGrad c (default: ${DEFAULT-VALUE})")
    double cagradC;

    @Option(names = "--lookahead-step", defaultValue = "-1",
        description = "Lookahead-DRO η_la (default: K·lr, the actual step length of the sum-scale SGD update)")
    double lookaheadStep;

    @Option(names = "--temperature", defaultValue = "0.1", description = "Lookahead-DRO τ (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--entropy-weight", defaultValue = "0.01",
        description = "Lookahead-DRO λ_H (default: ${DEFAULT-VALUE})")
    double entropyWeight;

    @Option(names = "--inner-steps", defaultValue = "10", description = "Lookahead-DRO S (default: ${DEFAULT-VALUE})")
    int innerSteps;

    @Option(names = "--inner-step-size", defaultValue = "0.1", description = "Lookahead-DRO β (default: ${DEFAULT-VALUE})")
    double innerStepSize;

    @Option(names = "--loss-smoothing", defaultValue = "0.9",
        description = "Lookahead-DRO EMA factor of the minibatch losses, 0 = off (default: ${DEFAULT-VALUE})")
    double lossSmoothing;

    @Option(names = "--flat-rho", defaultValue = "0",
        description = "run every method inside FS-MTL (SAM, joint norm) with this ρ; 0 = off (default: ${DEFAULT-VALUE})")
    double flatRho;

    @Option(names = "--cost", description = "instead of training: measure thread-CPU time per training step of every "
        + "method, plain and inside FS-MTL (ρ = --flat-rho or 0.05), relative to ls; writes stress-cost.md/.json")
    boolean cost;

    @Override
    public Integer call() throws Exception {
      LookaheadDroProvider provider = new LookaheadDroProvider();
      double etaLa = lookaheadStep >= 0 ? lookaheadStep : org.taskmet.tasks.mtl.DroStressTest.TASKS * lr;
      LookaheadDroProvider.Config ldro = new LookaheadDroProvider.Config(etaLa, temperature, entropyWeight,
          innerSteps, innerStepSize, true, lossSmoothing);
      provider.create(ldro); // validates the knobs before the run starts
      StressExperiment.Config config = new StressExperiment.Config(firstSeed, seeds, steps, lr, batch, trainRows, testRows,
          methods == null ? MtlMethods.ALL : methods, ldro, cagradC, flatRho, Math.max(1, steps / 100));
      if (cost) {
        List<StepCost.Entry> entries = StepCost.measure(config, 1000, 300, 7);
        String table = StepCost.markdown(entries);
        System.out.print(table);
        AtomicFiles.writeString(out.resolve("stress-cost.md"), table);
        AtomicFiles.write(out.resolve("stress-cost.json"), o -> new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter().writeValue(o, entries));
        System.out.println("wrote " + out.resolve("stress-cost.md") + " and stress-cost.json");
        return 0;
      }
      long t0 = System.nanoTime();
      List<StressExperiment.Run> runs = StressExperiment.run(config, System.out::println);
      double wall = (System.nanoTime() - t0) / 1e9;
      List<StressReport.Row> rows = StressReport.table(config, runs);
      System.out.printf("stress test: %d seeds, %d SGD steps (lr %s), %.1f s wall%n", seeds, steps, lr, wall);
      System.out.print(StressReport.markdown(rows));
      for (Path p : StressReport.write(config, runs, rows, wall, out)) {
        System.out.println("wrote " + p);
      }
      return 0;
    }
  }
}
