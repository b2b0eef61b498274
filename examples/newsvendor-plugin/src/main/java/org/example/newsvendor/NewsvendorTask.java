package org.example.newsvendor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;

/**
 * A multi-store newsvendor: each day, predict every store's demand for each product from the store's features, then
 * order under one shared budget. Profit is Σ price·min(order, demand) − cost·order at the true demand.
 *
 * <p>Demand is d = 1 + (wᵀx)²/F + |noise| with one fixed direction w per product: a linear model cannot fit it,
 * so how the prediction error is weighted decides which stores get the budget.
 */
public final class NewsvendorTask implements Task {
  public static final String NAME = "newsvendor";

  private final NewsvendorConfig config;
  private final DecisionProblem problem;

  public NewsvendorTask(NewsvendorConfig config) {
    this.config = config.validate();
    Solver solver = NewsvendorSolver.create("newsvendor-pg", config.price(), config.cost(), config.smoothing(),
        config.budget(), config.cap());
    this.problem = new Decisions(solver);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(config.stores(), config.features(), config.products());
  }

  /** All draws from one generator seeded by the dataset seed: the directions w first, then the days in order. */
  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    int f = config.features();
    double[][] w = new double[config.products()][f];
    for (double[] row : w) {
      for (int j = 0; j < f; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return new DataSplits(days("newsvendor/train", config.trainInstances(), w, rng),
        days("newsvendor/validation", config.validationInstances(), w, rng),
        days("newsvendor/test", config.testInstances(), w, rng));
  }

  private Dataset days(String name, int count, double[][] w, SplittableRandom rng) {
    int s = config.stores();
    int f = config.features();
    int p = config.products();
    List<Instance> out = new ArrayList<>(count);
    for (int day = 0; day < count; day++) {
      double[] x = new double[s * f];
      double[] y = new double[s * p];
      for (int i = 0; i < s * f; i++) {
        x[i] = rng.nextGaussian();
      }
      for (int store = 0; store < s; store++) {
        for (int k = 0; k < p; k++) {
          double dot = 0;
          for (int j = 0; j < f; j++) {
            dot += w[k][j] * x[store * f + j];
          }
          y[store * p + k] = 1 + dot * dot / f + 0.2 * Math.abs(rng.nextGaussian());
        }
      }
      out.add(new Instance(new Matrix(s, f, x), new Matrix(s, p, y)));
    }
    return new Dataset(name, out);
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** A linear model, Adam lr 0.01, 20 days per task-loss batch. */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(0, 0, "identity", 0.01, 20);
  }

  /** Orders scored at the true demand; both solvers are the smooth toolkit solver (its decisions are exact). */
  private final class Decisions implements DecisionProblem {
    private final Solver solver;

    Decisions(Solver solver) {
      this.solver = solver;
    }

    @Override
    public int decisionSize(Instance instance) {
      return instance.targets().rows() * instance.targets().cols();
    }

    @Override
    public Solver trainingSolver() {
      return solver;
    }

    @Override
    public Solver evaluationSolver() {
      return solver;
    }

    @Override
    public double objective(Instance instance, double[] z, Matrix demand) {
      double profit = 0;
      for (int i = 0; i < z.length; i++) {
        profit += config.price() * Math.min(z[i], demand.data()[i]) - config.cost() * z[i];
      }
      return profit;
    }

    @Override
    public double[] objectiveGradient(Instance instance, double[] z, Matrix demand) {
      double[] g = new double[z.length];
      for (int i = 0; i < z.length; i++) {
        g[i] = (z[i] < demand.data()[i] ? config.price() : 0) - config.cost();
      }
      return g;
    }
  }
}
