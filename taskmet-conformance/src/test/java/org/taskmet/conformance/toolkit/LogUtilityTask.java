package org.taskmet.conformance.toolkit;

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
import org.taskmet.api.toolkit.ConvexSet;
import org.taskmet.api.toolkit.ProjectedGradientSolver;

/**
 * A small task on {@link LogUtility} under a budget, for the conformance kit's own tests; {@code gradientScale} and
 * {@code extraDecisions} break it on purpose.
 */
public final class LogUtilityTask {
  private LogUtilityTask() {}

  /** A task whose objective gradient is multiplied by {@code gradientScale} and whose decisionSize is off by
   * {@code extraDecisions}. */
  public static Task of(double gradientScale, int extraDecisions) {
    LogUtility utility = new LogUtility(0.5);
    Solver solver = new ProjectedGradientSolver("log-utility", utility,
        in -> ConvexSet.budget(2, new double[] {1, 1, 1, 1}));
    DecisionProblem problem = new DecisionProblem() {
      public int decisionSize(Instance in) {
        return in.items() + extraDecisions;
      }

      public Solver trainingSolver() {
        return solver;
      }

      public Solver evaluationSolver() {
        return solver;
      }

      public double objective(Instance in, double[] z, Matrix y) {
        return utility.value(z, y, in);
      }

      public double[] objectiveGradient(Instance in, double[] z, Matrix y) {
        double[] g = new double[z.length];
        utility.gradient(z, y, in, g);
        for (int i = 0; i < g.length; i++) {
          g[i] *= gradientScale;
        }
        return g;
      }
    };
    return new Task() {
      public String name() {
        return "log-utility";
      }

      public TaskShape shape() {
        return new TaskShape(4, 1, 1);
      }

      public DataSplits generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Instance> all = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
          double[] x = new double[4];
          double[] y = new double[4];
          for (int i = 0; i < 4; i++) {
            x[i] = rng.nextDouble();
            y[i] = 1 + 2 * x[i];
          }
          all.add(new Instance(Matrix.column(x), Matrix.column(y)));
        }
        return new DataSplits(new Dataset("train", all.subList(0, 3)), new Dataset("validation", all.subList(3, 6)),
            new Dataset("test", all.subList(6, 9)));
      }

      public DecisionProblem decisionProblem() {
        return problem;
      }

      public PredictorDefaults predictorDefaults() {
        return new PredictorDefaults(0, 0, "identity", 0.05, 3);
      }
    };
  }

  /** A task that forwards everything to another, for tests that override one method. */
  public static class Delegating implements Task {
    private final Task task;

    public Delegating(Task task) {
      this.task = task;
    }

    public String name() {
      return task.name();
    }

    public TaskShape shape() {
      return task.shape();
    }

    public DataSplits generate(long seed) {
      return task.generate(seed);
    }

    public DecisionProblem decisionProblem() {
      return task.decisionProblem();
    }

    public PredictorDefaults predictorDefaults() {
      return task.predictorDefaults();
    }
  }
}
