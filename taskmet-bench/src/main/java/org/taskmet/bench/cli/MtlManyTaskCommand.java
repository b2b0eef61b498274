package org.taskmet.bench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskmet.bench.fashion.ImageMtlData;
import org.taskmet.bench.sweep.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code taskmet mtl many-task}: average against worst-task accuracy with many tasks, the Lookahead-DRO question.
 * Fashion-MNIST as 10 balanced one-vs-rest tasks with an injected noisy task and a low-resource task, and the UCI
 * letters as 26 balanced one-vs-rest tasks; ERM (ls), group DRO, Lookahead-DRO and the gradient aggregators. A sweep
 * of kind {@code mtl-image}: profiles {@code mtl-many-task/full} and {@code mtl-many-task/quick}.
 */
@Command(name = "many-task", mixinStandardHelpOptions = true,
    description = {"Many binary tasks, average vs worst-task accuracy: Fashion-MNIST one-vs-rest (10 balanced tasks, "
        + "one noisy, one low-resource; LeNet trunk) and UCI letters (26 balanced tasks, the same injections; MLP "
        + "trunk); ERM (ls), group DRO, Lookahead-DRO and the gradient aggregators; trade-off plot.",
        "Profiles: full (every image / row) and quick (6000 Fashion training images, 2000 test).",
        "Data: apt-get install dataset-fashion-mnist opencv-doc (or --data-dir, --letters-file)."})
public final class MtlManyTaskCommand implements Callable<Integer> {
  static final String SUITE = "mtl-many-task";

  static final List<String> BENCHMARKS = List.of(ImageMtlData.ONE_VS_REST, ImageMtlData.LETTERS);

  @Mixin ImageMtlOptions options;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Which data sets: one-vs-rest, letters (comma-separated). Default: both.")
  List<String> benchmarks;

  @Option(names = "--flatness", split = ",", paramLabel = "OPTION",
      description = "Flatness options: none, fs-mtl (comma-separated). Default: none.")
  List<String> flatness;

  @Option(names = "--noisy-task", description = "Task whose labels are flipped, -1 for none. Default: 0 "
      + "(T-shirt/top; A for letters)")
  Integer noisyTask;

  @Option(names = "--flip", description = "Flip probability of the noisy task's labels, in [0, 0.5). Default: 0.3")
  Double flip;

  @Option(names = "--low-resource-task", description = "Task that keeps only --low-resource-examples training "
      + "examples, -1 for none. Default: 2 (Pullover; C for letters)")
  Integer lowResourceTask;

  @Option(names = "--low-resource-examples", description = "Training examples of the low-resource task (half "
      + "positive). Default: 50")
  Integer lowResourceExamples;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> injections = new LinkedHashMap<>();
    if (noisyTask != null) {
      injections.put("noisyTask", noisyTask);
    }
    if (flip != null) {
      injections.put("flip", flip);
    }
    if (lowResourceTask != null) {
      injections.put("lowResourceTask", lowResourceTask);
    }
    if (lowResourceExamples != null) {
      injections.put("lowResourceExamples", lowResourceExamples);
    }
    Sweep sweep = options.plan(SUITE, BENCHMARKS, benchmarks, flatness, injections);
    return options.run(sweep, SUITE);
  }

  /** Runs the command on its own ({@code taskmet mtl many-task} is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlManyTaskCommand()).execute(args));
  }
}
