package org.taskmet.core.eval;

import java.util.List;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.TrainedPredictor;

/**
 * PyEPO's metrics for a task whose objective is linear in the predictions ({@code pyepo.metric}), on one data
 * set whose true optimal decisions are solved once at construction (as PyEPO's {@code optDataset} does):
 * <ul>
 *   <li>normalized regret Σ_i regret_i / Σ_i |z*(c_i)| — one ratio over the set, not a mean of ratios — with
 *       regret_i = cᵢᵀz*(cᵢ) − cᵢᵀz*(ĉᵢ) ≥ 0 in reward form (PyEPO's cᵀw*(ĉ) − z* for costs) and z*(c_i) the
 *       optimal objective in the task's own units (a cost for shortest path);</li>
 *   <li>normalized unambiguous regret: the same with the worst decision among the optima of ĉ, the predictions
 *       rounded to multiples of {@value #TIE_TOLERANCE} as PyEPO's {@code unambRegret} does (needs a
 *       {@link LexicographicOracle}; NaN otherwise);</li>
 *   <li>MSE: mean over instances of the mean squared error of the prediction entries (PyEPO's {@code MSE}).</li>
 * </ul>
 * Solves are batched over the cores ({@link OracleBatches}); results do not depend on the thread count.
 */
public final class RegretEvaluator {
  /** PyEPO's default tolerance of {@code unambRegret}: predictions are rounded to multiples of it to find ties. */
  public static final double TIE_TOLERANCE = 1e-5;

  /**
   * @param normalizedRegret Σ regret / Σ |optimal objective|
   * @param unambiguousRegret the same with worst-case tie-breaking among the optima of the predictions (NaN when
   *     the oracle cannot solve lexicographic problems)
   * @param mse mean over instances of the mean squared prediction error
   * @param meanRegret mean regret per instance, in the task's units
   * @param meanOptimalObjective mean optimal objective z*(c) in the task's units (a cost when minimizing)
   * @param instances instances evaluated
   */
  public record Result(double normalizedRegret, double unambiguousRegret, double mse, double meanRegret,
      double meanOptimalObjective, int instances) {}

  private final LinearDecisionProblem problem;
  private final OptimalDecisions optimal;
  private final List<Instance> instances;
  private final int dimension;
  private final double absoluteOptimalSum;
  private final double optimalSum;
  private final int threads;

  /**
   * Solves the true optimum of every instance of {@code data}.
   *
   * @param threads the most threads the batched solves may use (results do not depend on it)
   * @throws IllegalArgumentException when the set is empty, or every optimal objective is 0 (the
   *     normalization is undefined)
   */
  public RegretEvaluator(LinearDecisionProblem problem, Dataset data, int threads) {
    this.problem = problem;
    this.threads = threads;
    this.optimal = new OptimalDecisions(problem, data, threads);
    this.instances = optimal.instances();
    this.dimension = optimal.dimension();
    double abs = 0;
    double sum = 0;
    for (double v : optimal.values()) {
      abs += Math.abs(v);
      sum += v;
    }
    if (!(abs > 0)) {
      throw new IllegalArgumentException("regret of '" + data.name() + "': every optimal objective is 0, so the "
          + "normalized regret is undefined");
    }
    this.absoluteOptimalSum = abs;
    this.optimalSum = sum;
  }

  /** The number of instances. */
  public int size() {
    return instances.size();
  }

  /** The predictions of {@code predictor} for every instance, scored. */
  public Result evaluate(TrainedPredictor predictor) {
    return evaluate(predictor.model(), predictor.parameters());
  }

  /** The predictions of {@code model} with {@code parameters} for every instance (one batched forward pass), scored. */
  public Result evaluate(Model model, double[] parameters) {
    int f = instances.get(0).features().cols();
    int rows = 0;
    for (Instance in : instances) {
      rows += in.items();
    }
    double[] x = new double[rows * f];
    int offset = 0;
    for (Instance in : instances) {
      System.arraycopy(in.features().data(), 0, x, offset, in.items() * f);
      offset += in.items() * f;
    }
    return evaluate(model.forward(parameters, new Matrix(rows, f, x)).output().data());
  }

  /**
   * Scores stacked predictions: instance i's predictions (its rows, row-major) are entries
   * [i·d, (i+1)·d) of {@code predictions}, d the oracle's dimension.
   *
   * @throws IllegalArgumentException when the length is wrong or a prediction is not finite
   */
  public Result evaluate(double[] predictions) {
    int n = instances.size();
    if (predictions.length != n * dimension) {
      throw new IllegalArgumentException("regret: " + predictions.length + " predictions for " + n + " instances of "
          + "dimension " + dimension + ", expected " + n * dimension);
    }
    int sign = problem.sense().sign();
    double[] predicted = new double[predictions.length];
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double[] y = instances.get(i).targets().data();
      double instanceSq = 0;
      for (int k = 0; k < dimension; k++) {
        double p = predictions[i * dimension + k];
        if (!Double.isFinite(p)) {
          throw new IllegalArgumentException("regret: prediction " + k + " of instance " + i + " is " + p);
        }
        predicted[i * dimension + k] = sign * p;
        double e = p - y[k];
        instanceSq += e * e;
      }
      sq += instanceSq / dimension;
    }
    double[] decisions = new double[predictions.length];
    OracleBatches.argmaxAll(problem.oracle(), predicted, instances, decisions, threads);
    double regret = totalRegret(decisions);
    double unambiguous = Double.NaN;
    if (problem.oracle() instanceof LexicographicOracle lex) {
      double[] primary = new double[predictions.length];
      double[] worst = new double[predictions.length];
      for (int k = 0; k < predicted.length; k++) {
        primary[k] = Math.rint(predicted[k] / TIE_TOLERANCE);
        worst[k] = -optimal.rewards()[k];
      }
      OracleBatches.argmaxLexicographicAll(lex, primary, worst, instances, decisions, threads);
      unambiguous = totalRegret(decisions) / absoluteOptimalSum;
    }
    return new Result(regret / absoluteOptimalSum, unambiguous, sq / n, regret / n, sign * optimalSum / n, n);
  }

  private double totalRegret(double[] decisions) {
    double[] achieved = optimal.achieved(decisions);
    double[] best = optimal.values();
    double s = 0;
    for (int i = 0; i < achieved.length; i++) {
      s += best[i] - achieved[i];
    }
    return s;
  }
}
