package org.taskmet.tasks.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.eval.EvaluationResult;
import org.taskmet.core.method.MseMethod;
import org.taskmet.core.method.TaskmetMethod;
import org.taskmet.core.nn.ModelFactories;
import org.taskmet.tasks.FixedPredictor;
import org.taskmet.tasks.portfolio.PortfolioConfig;
import org.taskmet.tasks.portfolio.PortfolioTaskProvider;

/**
 * The portfolio investigation of docs/portfolio.md (not part of the normal test run): per dataset seed, TaskMet
 * with its outer-step trace (validation loss, inner-loop convergence, implicit-solve residual, learned metric)
 * written to {@code <out>/trace-d<seed>.csv}, two-stage MSE on the same seed, and the data's own baselines
 * (a constant prediction, which makes the QP pick the minimum-risk portfolio whatever the constant).
 *
 * <p>Both methods run at their plugin defaults (the reference settings, the paper profile);
 * {@code -Dtaskmet.outerIterations=N} shortens TaskMet, {@code -Dtaskmet.cgIterations=N} changes its implicit solve.
 *
 * <pre>
 * java ... org.taskmet.tasks.measure.PortfolioInvestigation -Dtaskmet.seeds=5 -Dtaskmet.data=stockdata \
 *     -Dtaskmet.out=target/portfolio-investigation
 * </pre>
 */
public final class PortfolioInvestigation {
  private PortfolioInvestigation() {}

  public static void main(String[] args) throws IOException {
    int seeds = Integer.parseInt(System.getProperty("taskmet.seeds", "3"));
    int first = Integer.parseInt(System.getProperty("taskmet.firstSeed", "0"));
    String data = System.getProperty("taskmet.data", PortfolioConfig.STOCKDATA);
    Path out = Path.of(System.getProperty("taskmet.out", "target/portfolio-investigation"));
    Files.createDirectories(out);
    PortfolioConfig d = PortfolioConfig.defaults();
    Task task = new PortfolioTaskProvider().create(new PortfolioConfig(d.assets(), d.riskAversion(), d.covarianceRidge(),
        d.trainDays(), d.validationDays(), d.testDays(), data, d.priceFile(), d.marketSymbols(), d.marketDays(),
        d.marketFactors(), d.marketFactorVol(), d.marketIdioVol(), d.marketReversal(), d.marketMomentum()));
    TaskmetMethod.Config r = TaskmetMethod.Config.defaults();
    TaskmetMethod.Config tc = new TaskmetMethod.Config(r.metric(),
        Integer.getInteger("taskmet.outerIterations", r.outerIterations()), r.innerIterationsFirst(),
        r.innerIterations(), r.innerBatchSize(), r.gradClip(), r.gradStopThreshold(), r.hypergradientBatchSize(),
        Integer.getInteger("taskmet.cgIterations", r.cgIterations()), r.cgRidge(), r.metricLearningRate(),
        r.outerBatchSize(), r.predictorLearningRate(), r.validationEvery(), r.patience(), r.dflAlpha());
    System.out.printf(Locale.ROOT, "portfolio investigation: data %s, TaskMet %s, seeds %d..%d%n", task.dataLabel(),
        tc, first, first + seeds - 1);
    for (int seed = first; seed < first + seeds; seed++) {
      DataSplits split = task.generate(seed);
      System.out.println(describeData(split));
      List<TaskmetMethod.OuterStep> steps = new ArrayList<>();
      TaskmetMethod taskmet = TaskmetMethod.traced(tc, steps::add);
      TrainedPredictor tm = taskmet.train(request(task, split, seed));
      TrainedPredictor mse = new MseMethod(MseMethod.Config.defaults()).train(request(task, split, seed));
      EvaluationResult tmEval = DecisionEvaluator.evaluate(task, tm, split.test(), seed);
      EvaluationResult mseEval = DecisionEvaluator.evaluate(task, mse, split.test(), seed);
      EvaluationResult constant = DecisionEvaluator.evaluate(task, constant(split), split.test(), seed);
      TrainedPredictor ols = leastSquares(split);
      EvaluationResult olsEval = DecisionEvaluator.evaluate(task, ols, split.test(), seed);
      System.out.printf(Locale.ROOT, "  least-squares linear predictor: test R^2 %.4f, test normalized DQ %.3f%n",
          rSquared(ols, split), olsEval.normalizedDq());
      writeTrace(out.resolve("trace-d" + seed + ".csv"), steps);
      System.out.printf(Locale.ROOT, "seed %d: test normalized DQ  TaskMet %.3f  MSE %.3f  constant prediction "
          + "(minimum-risk portfolio) %.3f   test MSE TaskMet %.3g, MSE %.3g, constant %.3g%n", seed,
          tmEval.normalizedDq(), mseEval.normalizedDq(), constant.normalizedDq(), tmEval.mse(), mseEval.mse(),
          constant.mse());
      System.out.println("  " + summary(steps, tm.diagnostics()));
    }
  }

  private static TrainingRequest request(Task task, DataSplits split, long seed) {
    return new TrainingRequest(task, split, ModelFactories.fromDefaults(task.predictorDefaults()), seed,
        ProgressListener.NONE);
  }

  /** Next-day return statistics of the splits: how much there is to predict. */
  private static String describeData(DataSplits s) {
    StringBuilder sb = new StringBuilder("  data:");
    for (var ds : List.of(s.train(), s.validation(), s.test())) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (Instance in : ds.instances()) {
        for (double y : in.targets().data()) {
          sum += y;
          sq += y * y;
          n++;
        }
      }
      double mean = sum / n;
      sb.append(String.format(Locale.ROOT, " %s next-day return mean %.2e sd %.2e;", ds.name(), mean,
          Math.sqrt(sq / n - mean * mean)));
    }
    return sb.toString();
  }

  /** Ordinary least squares of next-day returns on the 28 features (plus intercept) over the training rows. */
  private static TrainedPredictor leastSquares(DataSplits split) {
    int f = split.train().get(0).features().cols();
    int p = f + 1;
    double[] xtx = new double[p * p];
    double[] xty = new double[p];
    double[] row = new double[p];
    for (Instance in : split.train().instances()) {
      for (int r = 0; r < in.items(); r++) {
        row[0] = 1;
        for (int k = 0; k < f; k++) {
          row[k + 1] = in.features().get(r, k);
        }
        double y = in.targets().get(r, 0);
        for (int i = 0; i < p; i++) {
          xty[i] += row[i] * y;
          for (int j = 0; j < p; j++) {
            xtx[i * p + j] += row[i] * row[j];
          }
        }
      }
    }
    for (int i = 0; i < p; i++) {
      xtx[i * p + i] += 1e-8; // features can be collinear (price-level windows)
    }
    double[] beta = new org.apache.commons.math3.linear.CholeskyDecomposition(
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(unflatten(xtx, p))).getSolver()
        .solve(new org.apache.commons.math3.linear.ArrayRealVector(xty)).toArray();
    return linear(beta, f);
  }

  private static double[][] unflatten(double[] a, int n) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, out[i], 0, n);
    }
    return out;
  }

  /** 1 − SSE/SST of a predictor on the test rows, SST around the test mean. */
  private static double rSquared(TrainedPredictor p, DataSplits split) {
    double sum = 0;
    int n = 0;
    for (Instance in : split.test().instances()) {
      for (double y : in.targets().data()) {
        sum += y;
        n++;
      }
    }
    double mean = sum / n;
    double sse = 0;
    double sst = 0;
    for (Instance in : split.test().instances()) {
      double[] yhat = p.predict(in.features()).data();
      double[] y = in.targets().data();
      for (int k = 0; k < y.length; k++) {
        sse += (y[k] - yhat[k]) * (y[k] - yhat[k]);
        sst += (y[k] - mean) * (y[k] - mean);
      }
    }
    return 1 - sse / sst;
  }

  /** Predicts the mean training return for every stock and day. */
  private static TrainedPredictor constant(DataSplits split) {
    double sum = 0;
    int n = 0;
    for (Instance in : split.train().instances()) {
      for (double y : in.targets().data()) {
        sum += y;
        n++;
      }
    }
    double[] beta = new double[split.train().get(0).features().cols() + 1];
    beta[0] = sum / n;
    return linear(beta, beta.length - 1);
  }

  /** The fixed linear predictor beta[0] + Σ_k beta[k+1]·x_k. */
  private static TrainedPredictor linear(double[] beta, int f) {
    return FixedPredictor.of(f, (input, r) -> {
      double o = beta[0];
      for (int k = 0; k < f; k++) {
        o += beta[k + 1] * input.get(r, k);
      }
      return o;
    });
  }

  private static void writeTrace(Path file, List<TaskmetMethod.OuterStep> steps) {
    StringBuilder sb = new StringBuilder("step,inner_steps,inner_grad_norm,task_loss,cg_iterations,implicit_residual,"
        + "hypergradient_norm,validation_loss,metric_mean,metric_min,metric_max,prediction_spread\n");
    for (TaskmetMethod.OuterStep s : steps) {
      sb.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n", s.step(),
          s.innerSteps(), s.innerGradientNorm(), s.taskLoss(), s.cgIterations(), s.implicitResidual(),
          s.hypergradientNorm(), s.validationLoss(), s.metricMean(), s.metricMin(), s.metricMax(),
          s.predictionSpread()));
    }
    try {
      Files.writeString(file, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String summary(List<TaskmetMethod.OuterStep> steps, Map<String, Double> diag) {
    if (steps.isEmpty()) {
      return "no outer steps";
    }
    double[] residual = steps.stream().mapToDouble(TaskmetMethod.OuterStep::implicitResidual).sorted().toArray();
    double[] inner = steps.stream().skip(1).mapToDouble(TaskmetMethod.OuterStep::innerSteps).sorted().toArray();
    long converged = steps.stream().filter(s -> s.innerGradientNorm() < 1e-3).count();
    List<TaskmetMethod.OuterStep> validated = steps.stream().filter(s -> !Double.isNaN(s.validationLoss())).toList();
    TaskmetMethod.OuterStep firstStep = steps.get(0);
    TaskmetMethod.OuterStep last = steps.get(steps.size() - 1);
    return String.format(Locale.ROOT, "TaskMet: %d outer steps, best validation loss %.5g at step %.0f (first %.5g, "
        + "last %.5g); inner steps per outer step median %.0f, inner loop reached the 1e-3 threshold in %d of %d; "
        + "implicit residual median %.3g, max %.3g; metric trace/n: step 0 mean %.3g [%.3g, %.3g], last mean %.3g "
        + "[%.3g, %.3g]", steps.size(), diag.get("bestValidationLoss"), diag.get("bestOuterStep"),
        validated.get(0).validationLoss(), validated.get(validated.size() - 1).validationLoss(),
        inner.length > 0 ? inner[inner.length / 2] : Double.NaN, converged, steps.size(), residual[residual.length / 2],
        residual[residual.length - 1], firstStep.metricMean(), firstStep.metricMin(), firstStep.metricMax(),
        last.metricMean(), last.metricMin(), last.metricMax());
  }
}
