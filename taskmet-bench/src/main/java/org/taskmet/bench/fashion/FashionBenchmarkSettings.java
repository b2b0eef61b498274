package org.taskmet.bench.fashion;

import java.nio.file.Path;
import java.util.List;
import org.taskmet.tasks.fashion.Flatness;

/**
 * Everything a Fashion benchmark run depends on (written to {@code run.json} next to the results).
 *
 * @param dataDirectory where the Fashion-MNIST IDX files are
 * @param benchmarks {@link FashionBenchmark#MULTIFASHION} and/or {@link FashionBenchmark#ONE_VS_REST}
 * @param methods aggregator plugin names
 * @param flatness the flatness options to cross with every method
 * @param seeds trials per configuration; trial s uses seed {@code firstSeed + s}
 * @param firstSeed see {@code seeds}
 * @param dataSeed seed of the data construction, shared by every trial
 * @param trainSize training images per benchmark, −1 for the full size (MultiFashion 120,000; one-vs-rest 60,000)
 * @param testSize test images per benchmark, −1 for the full size (MultiFashion 20,000; one-vs-rest 10,000)
 * @param epochs training epochs
 * @param batchSize minibatch size
 * @param learningRate Adam step size
 * @param hiddenWidths trunk widths
 * @param pool average-pooling factor applied to the images before training (1 = full resolution)
 * @param rho FS-MTL radius
 * @param adaptive ASAM-style perturbation
 * @param noisyTask one-vs-rest task with flipped training labels, −1 for none
 * @param flipProbability its flip probability
 * @param traceEvery task-weight recording period in steps
 * @param outputDirectory where results go
 * @param resume keep finished trials found in the output directory
 * @param plots write PNG plots
 */
public record FashionBenchmarkSettings(Path dataDirectory, List<String> benchmarks, List<String> methods,
    List<Flatness> flatness, int seeds, long firstSeed, long dataSeed, int trainSize, int testSize, int epochs,
    int batchSize, double learningRate, int[] hiddenWidths, int pool, double rho, boolean adaptive, int noisyTask,
    double flipProbability, int traceEvery, Path outputDirectory, boolean resume, boolean plots) {

  /** Every aggregator of the MTL issue, in table order. */
  public static final List<String> DEFAULT_METHODS =
      List.of("ls", "group-dro", "lookahead-dro", "mgda", "pcgrad", "cagrad", "imtl-g", "nash-mtl");
  public static final int DEFAULT_TRAIN_SIZE = 6000;
  public static final int DEFAULT_TEST_SIZE = 2000;
  public static final int DEFAULT_EPOCHS = 3;
  public static final int DEFAULT_BATCH_SIZE = 128;
  public static final int DEFAULT_POOL = 2;

  public FashionBenchmarkSettings {
    benchmarks = List.copyOf(benchmarks);
    methods = List.copyOf(methods);
    flatness = List.copyOf(flatness);
    hiddenWidths = hiddenWidths.clone();
  }
}
