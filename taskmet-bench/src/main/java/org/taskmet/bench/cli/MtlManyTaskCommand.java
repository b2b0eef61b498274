package org.taskmet.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskmet.bench.fashion.ImageMtlData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code taskmet mtl many-task}: average against worst-task accuracy with many tasks, the Lookahead-DRO question.
 * Fashion-MNIST as 10 balanced one-vs-rest tasks with an injected noisy task and a low-resource task, and the UCI
 * letters as 26 balanced one-vs-rest tasks; ERM (ls), group DRO, Lookahead-DRO and the gradient aggregators.
 */
@Command(name = "many-task", mixinStandardHelpOptions = true,
    description = {"Many binary tasks, average vs worst-task accuracy: Fashion-MNIST one-vs-rest (10 balanced tasks, "
        + "one noisy, one low-resource; LeNet trunk) and UCI letters (26 balanced tasks; MLP trunk); ERM (ls), "
        + "group DRO, Lookahead-DRO and the gradient aggregators; trade-off plot.",
        "Profiles: full (every image / row) and quick (6000 Fashion training images, 2000 test).",
        "Data: apt-get install dataset-fashion-mnist opencv-doc (or --data-dir, --letters-file)."})
public final class MtlManyTaskCommand implements Callable<Integer> {
  static final List<String> BENCHMARKS = List.of(ImageMtlData.ONE_VS_REST, ImageMtlData.LETTERS);
  static final List<ImageMtlOptions.Profile> PROFILES = List.of(
      new ImageMtlOptions.Profile("full", -1, -1, Map.of(ImageMtlData.ONE_VS_REST, 5, ImageMtlData.LETTERS, 100), 32,
          2),
      new ImageMtlOptions.Profile("quick", 6000, 2000, Map.of(ImageMtlData.ONE_VS_REST, 2, ImageMtlData.LETTERS, 30),
          32, 2));

  @Mixin ImageMtlOptions options;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Which data sets: one-vs-rest, letters (comma-separated). Default: both.")
  List<String> benchmarks = new ArrayList<>(BENCHMARKS);

  @Option(names = "--flatness", split = ",", paramLabel = "OPTION",
      description = "Flatness options: none, fs-mtl (comma-separated). Default: none.")
  List<String> flatness = new ArrayList<>(List.of("none"));

  @Option(names = "--noisy-task", description = "Task whose training labels are flipped, -1 for none. "
      + "Default: ${DEFAULT-VALUE} (T-shirt/top; A for letters)")
  int noisyTask = 0;

  @Option(names = "--flip", description = "Flip probability of the noisy task's labels, in [0, 0.5). "
      + "Default: ${DEFAULT-VALUE}")
  double flip = 0.3;

  @Option(names = "--low-resource-task", description = "Task that keeps only --low-resource-examples training "
      + "examples, -1 for none. Default: ${DEFAULT-VALUE} (Pullover; C for letters)")
  int lowResourceTask = 2;

  @Option(names = "--low-resource-examples", description = "Training examples of the low-resource task (half "
      + "positive). Default: ${DEFAULT-VALUE}")
  int lowResourceExamples = 50;

  @Override
  public Integer call() {
    List<String> bench = options.distinct(benchmarks, "--benchmarks");
    for (String b : bench) {
      if (!BENCHMARKS.contains(b)) {
        throw options.bad("--benchmarks: unknown benchmark '" + b + "', expected one of " + BENCHMARKS);
      }
    }
    if (!(flip >= 0 && flip < 0.5)) {
      throw options.bad("--flip must be in [0, 0.5), got " + flip);
    }
    if (lowResourceTask >= 0 && lowResourceExamples < 2) {
      throw options.bad("--low-resource-examples must be >= 2, got " + lowResourceExamples);
    }
    if (noisyTask >= 0 && noisyTask == lowResourceTask) {
      throw options.bad("--noisy-task and --low-resource-task must differ, both are " + noisyTask);
    }
    var grid = options.grid(bench, options.distinct(flatness, "--flatness"), PROFILES, noisyTask, flip,
        lowResourceTask, lowResourceExamples);
    return options.execute(grid, Path.of("results", "mtl-many-task"));
  }

  /** Runs the command on its own ({@code taskmet mtl many-task} is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlManyTaskCommand()).execute(args));
  }
}
