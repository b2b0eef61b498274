package org.taskmet.bench.sweep;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A test trial kind whose result is a deterministic function of its spec (seeded draws scaled by {@code x}), with
 * knobs for the engine's failure paths: it can sleep (to be killed mid-sweep), throw, or return a non-finite score.
 */
public final class ArithmeticTrialKind implements TrialKind<ArithmeticTrialKind.Spec, ArithmeticTrialKind.Result> {
  public static final String NAME = "test-arithmetic";

  /**
   * @param x scales the draws
   * @param seed seeds the draws
   * @param draws how many
   * @param sleepMillis how long the trial takes
   * @param fail "throw" to throw, "nan" for a NaN score, anything else to succeed
   */
  public record Spec(double x, long seed, int draws, int sleepMillis, String fail) {}

  /** The draws, their sum, and the thread budget the trial saw (not a score: it differs between engines). */
  public record Result(double[] values, double sum, int threads) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test: seeded draws scaled by x";
  }

  @Override
  public Class<Spec> specType() {
    return Spec.class;
  }

  @Override
  public Class<Result> resultType() {
    return Result.class;
  }

  @Override
  public List<String> seedFields() {
    return List.of("seed");
  }

  @Override
  public Spec canonical(Spec spec, org.taskmet.core.plugin.PluginRegistry plugins) {
    if (spec.draws() < 1) {
      throw new IllegalArgumentException("draws must be >= 1, got " + spec.draws());
    }
    return new Spec(spec.x(), spec.seed(), spec.draws(), spec.sleepMillis(), spec.fail() == null ? "" : spec.fail());
  }

  @Override
  public TrialOutput<Result> run(Spec spec, TrialContext context) throws InterruptedException {
    Thread.sleep(spec.sleepMillis());
    if (spec.fail().equals("throw")) {
      throw new IllegalStateException("asked to fail at x = " + spec.x());
    }
    SplittableRandom rng = new SplittableRandom(spec.seed());
    double[] v = new double[spec.draws()];
    double sum = 0;
    StringBuilder csv = new StringBuilder("i,value\n");
    for (int i = 0; i < v.length; i++) {
      v[i] = spec.x() * rng.nextGaussian();
      sum += v[i];
      csv.append(i).append(',').append(v[i]).append('\n');
      context.progress().progress(i + 1, v.length, "draw " + (i + 1));
    }
    if (spec.fail().equals("nan")) {
      sum = Double.NaN;
    }
    return new TrialOutput<>(new Result(v, sum, context.threads()), Map.of("values.csv", csv.toString()));
  }

  @Override
  public Map<String, Double> scores(Result result) {
    return Map.of("sum", result.sum(), "first", result.values()[0]);
  }
}
