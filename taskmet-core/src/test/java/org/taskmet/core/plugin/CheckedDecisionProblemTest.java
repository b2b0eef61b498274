package org.taskmet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.method.DflMethod;
import org.taskmet.core.nn.Sequential;

/**
 * A plugin returning something of the wrong shape or a NaN is stopped at the library's boundary with an error
 * naming it, during training (DFL) and evaluation alike; it never runs to a result.
 */
class CheckedDecisionProblemTest {
  /** A 10-item task whose decision is the predictions themselves; {@code vjpShape} and friends break it. */
  static Task task(UnaryOperator<double[]> decision, UnaryOperator<Matrix> vjp, boolean nanGradient,
      List<String> calls) {
    Solver solver = new Solver() {
      public String name() {
        return "echo";
      }

      public void validate(Matrix p, Instance in) {
        calls.add("validate");
      }

      public Solution solve(Matrix p, Instance in, RandomGenerator rng) {
        calls.add("solve");
        return new Solution(decision.apply(p.data().clone()), p, in, 0, 0, null);
      }

      public Matrix vjp(Solution s, double[] g) {
        return vjp.apply(new Matrix(10, 1, g.clone()));
      }
    };
    DecisionProblem problem = new DecisionProblem() {
      public int decisionSize(Instance in) {
        return 10;
      }

      public Solver trainingSolver() {
        return solver;
      }

      public Solver evaluationSolver() {
        return solver;
      }

      public double objective(Instance in, double[] z, Matrix y) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
          s -= (z[i] - y.data()[i]) * (z[i] - y.data()[i]);
        }
        return s;
      }

      public double[] objectiveGradient(Instance in, double[] z, Matrix y) {
        double[] g = new double[z.length];
        for (int i = 0; i < z.length; i++) {
          g[i] = nanGradient ? Double.NaN : -2 * (z[i] - y.data()[i]);
        }
        return g;
      }
    };
    return new Task() {
      public String name() {
        return "ten-items";
      }

      public TaskShape shape() {
        return new TaskShape(10, 1, 1);
      }

      public DataSplits generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Instance> all = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
          double[] x = new double[10];
          double[] y = new double[10];
          for (int i = 0; i < 10; i++) {
            x[i] = rng.nextDouble();
            y[i] = 2 * x[i];
          }
          all.add(new Instance(Matrix.column(x), Matrix.column(y)));
        }
        return new DataSplits(new Dataset("train", all.subList(0, 2)), new Dataset("val", all.subList(2, 4)),
            new Dataset("test", all.subList(4, 6)));
      }

      public DecisionProblem decisionProblem() {
        return problem;
      }

      public PredictorDefaults predictorDefaults() {
        return new PredictorDefaults(0, 0, "identity", 0.1, 2);
      }
    };
  }

  static void trainDfl(Task task) {
    new DflMethod(new DflMethod.Config(0, 3, 1, 10, 0, 0)).train(new TrainingRequest(task, task.generate(0),
        Sequential::linear, 0, ProgressListener.NONE));
  }

  @Test
  void aWronglyShapedVjpStopsTrainingWithThePluginNamed() {
    Task oneByThree = task(z -> z, g -> new Matrix(1, 3, new double[3]), false, new ArrayList<>());
    assertThatThrownBy(() -> trainDfl(oneByThree)).isInstanceOf(IllegalStateException.class)
        .hasMessage("solver 'echo' of task 'ten-items' returned a VJP of shape 1x3, expected the predictions' shape 10x1");
    Task elevenRows = task(z -> z, g -> new Matrix(11, 1, new double[11]), false, new ArrayList<>());
    assertThatThrownBy(() -> trainDfl(elevenRows)).hasMessageContaining("VJP of shape 11x1");
  }

  @Test
  void aWrongDecisionOrANanGradientIsNamed() {
    Task shortDecision = task(z -> java.util.Arrays.copyOf(z, 3), g -> g, false, new ArrayList<>());
    assertThatThrownBy(() -> trainDfl(shortDecision))
        .hasMessage("solver 'echo' of task 'ten-items' returned a decision of length 3, expected decisionSize 10");
    Task nan = task(z -> z, g -> g, true, new ArrayList<>());
    assertThatThrownBy(() -> trainDfl(nan))
        .hasMessage("task 'ten-items': objectiveGradient returned NaN at index 0, expected finite values");
    Task nanVjp = task(z -> z, g -> new Matrix(10, 1, new double[] {0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, 0}), false,
        new ArrayList<>());
    assertThatThrownBy(() -> trainDfl(nanVjp))
        .hasMessage("solver 'echo' of task 'ten-items': VJP returned NaN at index 2, expected finite values");
  }

  @Test
  void validateRunsBeforeEverySolveAndBadPredictionsAreNamed() {
    List<String> calls = new ArrayList<>();
    Task ok = task(z -> z, g -> g, false, calls);
    DecisionProblem checked = CheckedDecisionProblem.of(ok);
    assertThat(CheckedDecisionProblem.of(new Task() {
      public String name() {
        return ok.name();
      }

      public TaskShape shape() {
        return ok.shape();
      }

      public DataSplits generate(long s) {
        return ok.generate(s);
      }

      public DecisionProblem decisionProblem() {
        return checked;
      }

      public PredictorDefaults predictorDefaults() {
        return ok.predictorDefaults();
      }
    })).isSameAs(checked);
    Instance in = ok.generate(0).test().get(0);
    checked.evaluationSolver().solve(in.targets(), in, new SplittableRandom(0));
    assertThat(calls).containsExactly("validate", "solve");
    assertThatThrownBy(() -> checked.trainingSolver().solve(Matrix.zeros(1, 10), in, null))
        .hasMessage("solver 'echo' of task 'ten-items': predictions are 1x10, expected the targets' shape 10x1");
    Matrix nan = in.targets().copy();
    nan.set(4, 0, Double.NaN);
    assertThatThrownBy(() -> checked.trainingSolver().solve(nan, in, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prediction (4, 0) is NaN");
  }

  @Test
  void evaluationChecksTooAndAWellBehavedPluginPasses() {
    Task bad = task(z -> java.util.Arrays.copyOf(z, 11), g -> g, false, new ArrayList<>());
    org.taskmet.api.TrainedPredictor p = new org.taskmet.api.TrainedPredictor(Sequential.linear(1, 1),
        new double[] {2, 0}, null, null, java.util.Map.of());
    assertThatThrownBy(() -> DecisionEvaluator.evaluate(bad, p, bad.generate(0).test(), 0))
        .hasMessageContaining("decision of length 11");
    Task good = task(z -> z, g -> g, false, new ArrayList<>());
    trainDfl(good);
    assertThat(DecisionEvaluator.evaluate(good, p, good.generate(0).test(), 0).normalizedDq()).isFinite();
  }

  @Test
  void theRandomBaselineComesFromTheTasksRandomPredictions() {
    Task base = task(z -> z, g -> g, false, new ArrayList<>());
    DecisionProblem p = base.decisionProblem();
    // decisions equal the predictions here, so "random" predictions at the truth's scale change the baseline
    DecisionProblem scaled = new DecisionProblem() {
      public int decisionSize(Instance in) {
        return p.decisionSize(in);
      }

      public Solver trainingSolver() {
        return p.trainingSolver();
      }

      public Solver evaluationSolver() {
        return p.evaluationSolver();
      }

      public double objective(Instance in, double[] z, Matrix y) {
        return p.objective(in, z, y);
      }

      public double[] objectiveGradient(Instance in, double[] z, Matrix y) {
        return p.objectiveGradient(in, z, y);
      }

      @Override
      public Matrix randomPredictions(Instance in, RandomGenerator rng) {
        Matrix m = DecisionProblem.super.randomPredictions(in, rng);
        for (int i = 0; i < m.data().length; i++) {
          m.data()[i] *= 4; // U[0, 4] instead of U[0, 1]
        }
        return m;
      }
    };
    Task wide = new Task() {
      public String name() {
        return base.name();
      }

      public TaskShape shape() {
        return base.shape();
      }

      public DataSplits generate(long s) {
        return base.generate(s);
      }

      public DecisionProblem decisionProblem() {
        return scaled;
      }

      public PredictorDefaults predictorDefaults() {
        return base.predictorDefaults();
      }
    };
    org.taskmet.api.TrainedPredictor p2 = new org.taskmet.api.TrainedPredictor(Sequential.linear(1, 1),
        new double[] {2, 0}, null, null, java.util.Map.of());
    double unitRandom = DecisionEvaluator.evaluate(base, p2, base.generate(0).test(), 0).randomDq();
    double scaledRandom = DecisionEvaluator.evaluate(wide, p2, wide.generate(0).test(), 0).randomDq();
    assertThat(scaledRandom).isNotEqualTo(unitRandom);
    // per item, with y = 2x ~ U[0, 2]: E[-(u - y)^2] = -(var u + var y + (E u - E y)^2)
    assertThat(scaledRandom / 10).isCloseTo(-(16.0 / 12 + 1.0 / 3 + 1), org.assertj.core.data.Offset.offset(0.4));
    assertThat(unitRandom / 10).isCloseTo(-(1.0 / 12 + 1.0 / 3 + 0.25), org.assertj.core.data.Offset.offset(0.2));
  }
}
