package org.taskmet.bench.fashion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.Flatness;

/**
 * One trial of the image multi-task benchmarks: one data set, one aggregator, one flatness option, one seed,
 * trained by {@link FashionTrainer} with model selection on the validation set. A pure function of its
 * {@link Spec}: the same spec gives the same {@link FashionTrialRecord} scores, bit for bit.
 */
public final class ImageMtlTrial {
  private ImageMtlTrial() {}

  /**
   * Everything one trial depends on.
   *
   * @param data the data set
   * @param method the aggregator plugin name
   * @param flatness {@code none} or {@code fs-mtl}
   * @param seed initialization, minibatch order and aggregator randomness
   * @param trunk {@code lenet} or {@code mlp}
   * @param hidden the MLP trunk's widths (ignored by lenet)
   * @param epochs training epochs
   * @param batchSize images per step (MultiFashion) or examples per task per step (one-vs-rest tasks)
   * @param learningRate Adam's step size
   * @param rho FS-MTL radius
   * @param adaptive ASAM-style perturbation
   * @param perturbationNorm {@code joint} or {@code separate} normalisation of the trunk and head perturbation
   * @param evaluationsPerEpoch validation evaluations per epoch
   * @param traceEvery task-weight recording period in steps
   */
  public record Spec(ImageMtlData.DataSpec data, String method, String flatness, long seed, String trunk,
      int[] hidden, int epochs, int batchSize, double learningRate, double rho, boolean adaptive,
      String perturbationNorm, int evaluationsPerEpoch, int traceEvery) {
    public Spec {
      hidden = hidden.clone();
    }

    /** e.g. {@code multifashion/ls/fs-mtl/0}. */
    public String label() {
      return data.benchmark() + "/" + method + "/" + flatness + "/" + seed;
    }

    FashionTrainer.Settings settings() {
      FashionTrainer.Trunk t = FashionTrainer.Trunk.Kind.byLabel(trunk) == FashionTrainer.Trunk.Kind.LENET
          ? FashionTrainer.Trunk.lenet() : FashionTrainer.Trunk.mlp(hidden);
      return new FashionTrainer.Settings(t, batchSize, epochs, learningRate, Flatness.byLabel(flatness), rho,
          adaptive, PerturbationNorm.valueOf(perturbationNorm.toUpperCase(Locale.ROOT)), evaluationsPerEpoch,
          traceEvery);
    }
  }

  /** Loads (or reuses) the data, trains and scores. */
  public static FashionTrialRecord run(Spec spec, ProgressListener progress) {
    FashionTrainer.Splits splits = ImageMtlData.load(spec.data());
    FashionTrainer.Outcome o = FashionTrainer.train(splits, FashionBenchmark.aggregatorFactory(spec.method()),
        spec.settings(), spec.seed(), progress);
    List<String> names = splits.train().taskNames();
    double[] acc = o.testAccuracy();
    double[] balanced = o.testBalancedAccuracy();
    double[] finalAcc = o.finalTest().accuracy();
    int worst = argMin(acc);
    double[] validationAverage = Arrays.stream(o.validationAccuracy()).mapToDouble(FashionSummary::mean).toArray();
    return new FashionTrialRecord(spec.data().benchmark(), spec.method(), spec.flatness(), spec.seed(), names, acc,
        FashionSummary.mean(acc), acc[worst], names.get(worst), balanced, FashionSummary.mean(balanced),
        Arrays.stream(balanced).min().orElseThrow(), finalAcc, FashionSummary.mean(finalAcc),
        Arrays.stream(finalAcc).min().orElseThrow(), o.selectedStep(), o.finalWeights(), o.steps(), o.trainSeconds(),
        o.trainCpuSeconds(), 1000 * o.trainCpuSeconds() / Math.max(1, o.steps()), o.evaluationSteps(),
        validationAverage, o.traceSteps(), o.traceWeights());
  }

  private static int argMin(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return best;
  }
}
