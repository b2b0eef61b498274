package org.taskmet.tasks.cubic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.eval.EvaluationResult;
import org.taskmet.tasks.FixedPredictor;

class CubicTaskTest {
  static final Task TASK = new CubicTaskProvider().create(CubicConfig.defaults());

  @Test
  void generatesTheReferenceSplits() {
    DataSplits s = TASK.generate(0);
    assertThat(s.train().size()).isEqualTo(200);
    assertThat(s.validation().size()).isEqualTo(200);
    assertThat(s.test().size()).isEqualTo(400);
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (Instance in : s.test().instances()) {
      assertThat(in.features().shape()).isEqualTo("50x1");
      for (int j = 0; j < 50; j++) {
        double x = in.features().get(j, 0);
        assertThat(x).isBetween(-1.0, 1.0);
        assertThat(in.targets().get(j, 0)).isEqualTo(10 * (x * x * x - 0.65 * x));
        sum += x;
        sumSq += x * x;
        count++;
      }
    }
    // U[-1, 1]: mean 0, second moment 1/3
    assertThat(sum / count).isCloseTo(0, offset(0.02));
    assertThat(sumSq / count).isCloseTo(1.0 / 3, offset(0.01));
    assertThat(TASK.generate(0).validation().get(5).features().sameValues(s.validation().get(5).features())).isTrue();
    assertThat(TASK.generate(1).validation().get(5).features().sameValues(s.validation().get(5).features())).isFalse();
  }

  @Test
  void oracleScoresOneAndTheLeastSquaresLineScoresMinusPoint96() {
    Instance any = TASK.generate(0).test().get(0);
    DataSplits s = TASK.generate(3);
    EvaluationResult oracle = DecisionEvaluator.evaluate(TASK, fixed(CubicTopKTask::utility), s.test(), 1);
    assertThat(oracle.normalizedDq()).isCloseTo(1.0, offset(1e-12));
    assertThat(oracle.mse()).isZero();
    // the least-squares linear fit on U[-1, 1] is y = -0.5 x: it picks the worst items (taskmet.md §2.2)
    EvaluationResult ls = DecisionEvaluator.evaluate(TASK, fixed(x -> -0.5 * x), s.test(), 1);
    assertThat(ls.normalizedDq()).isCloseTo(-0.96, offset(0.05));
    // random picks average the utility over U[-1, 1], which is 0
    assertThat(ls.randomDq()).isCloseTo(0, offset(0.15));
    assertThat(ls.optimalDq()).isEqualTo(oracle.optimalDq());
    assertThat(ls.mse()).isCloseTo(2.29, offset(0.1));
    assertThat(any.items()).isEqualTo(50);
  }

  @Test
  void evaluationSeedEqualToTheDatasetSeedDoesNotReplayTheData() {
    // regression: an unsalted evaluation generator replayed the test features as "random" predictions
    EvaluationResult r = DecisionEvaluator.evaluate(TASK, fixed(x -> -0.5 * x), TASK.generate(0).test(), 0);
    assertThat(r.randomDq()).isCloseTo(0, offset(0.1));
  }

  @Test
  void evaluationSolvesOptimalDecisionsOnceWithADeterministicSolver() {
    DataSplits s = TASK.generate(3);
    int n = s.test().size();
    for (boolean deterministic : new boolean[] {true, false}) {
      java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
      Task counting = withEvaluationSolver(TASK, counting(TASK.decisionProblem().evaluationSolver(), deterministic, calls));
      EvaluationResult r = DecisionEvaluator.evaluate(counting, fixed(x -> -0.5 * x), s.test(), 1);
      // model decisions once, the random baseline 10 times, the optimal decisions once or 10 times
      assertThat(calls.get()).isEqualTo(n + DecisionEvaluator.REPEATS * n + (deterministic ? 1 : DecisionEvaluator.REPEATS) * n);
      assertThat(r.optimalDq()).isCloseTo(DecisionEvaluator.evaluate(TASK, fixed(x -> -0.5 * x), s.test(), 1).optimalDq(),
          offset(1e-12));
    }
    assertThat(TASK.decisionProblem().evaluationSolver().deterministic()).isTrue();
  }

  private static org.taskmet.api.Solver counting(org.taskmet.api.Solver inner, boolean deterministic,
      java.util.concurrent.atomic.AtomicInteger calls) {
    return new org.taskmet.api.Solver() {
      public String name() {
        return inner.name();
      }

      public void validate(Matrix predictions, Instance instance) {
        inner.validate(predictions, instance);
      }

      public org.taskmet.api.Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
        calls.incrementAndGet();
        return inner.solve(predictions, instance, rng);
      }

      public Matrix vjp(org.taskmet.api.Solution solution, double[] cotangent) {
        return inner.vjp(solution, cotangent);
      }

      public boolean deterministic() {
        return deterministic;
      }
    };
  }

  private static Task withEvaluationSolver(Task task, org.taskmet.api.Solver solver) {
    org.taskmet.api.DecisionProblem p = task.decisionProblem();
    org.taskmet.api.DecisionProblem wrapped = new org.taskmet.api.DecisionProblem() {
      public int decisionSize(Instance instance) {
        return p.decisionSize(instance);
      }

      public org.taskmet.api.Solver trainingSolver() {
        return p.trainingSolver();
      }

      public org.taskmet.api.Solver evaluationSolver() {
        return solver;
      }

      public double objective(Instance instance, double[] decision, Matrix y) {
        return p.objective(instance, decision, y);
      }

      public double[] objectiveGradient(Instance instance, double[] decision, Matrix y) {
        return p.objectiveGradient(instance, decision, y);
      }
    };
    return new Task() {
      public String name() {
        return task.name();
      }

      public org.taskmet.api.TaskShape shape() {
        return task.shape();
      }

      public DataSplits generate(long seed) {
        return task.generate(seed);
      }

      public org.taskmet.api.DecisionProblem decisionProblem() {
        return wrapped;
      }

      public org.taskmet.api.PredictorDefaults predictorDefaults() {
        return task.predictorDefaults();
      }
    };
  }

  @Test
  void evaluationRefusesNonFinitePredictions() {
    DataSplits s = TASK.generate(3);
    assertThatThrownBy(() -> DecisionEvaluator.evaluate(TASK, fixed(x -> Double.NaN), s.test(), 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("non-finite");
  }

  @Test
  void configErrorsNameTheField() {
    assertThatThrownBy(() -> new CubicTaskProvider().create(new CubicConfig(50, 50, 200, 200, 400, 0.01, 200)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
    assertThatThrownBy(() -> new CubicTaskProvider().create(new CubicConfig(50, 1, 0, 200, 400, 0.01, 200)))
        .hasMessageContaining("'trainInstances'");
  }

  /** A parameter-free predictor applying {@code f} to the single feature. */
  static TrainedPredictor fixed(DoubleUnaryOperator f) {
    return FixedPredictor.of(1, (input, r) -> f.applyAsDouble(input.get(r, 0)));
  }

  /** Sizes that would exhaust memory or never finish are rejected by validate, before anything is allocated. */
  @Test
  void hugeSizesAreRejectedUpFrontWithTheLimitAndWhy() {
    CubicConfig d = CubicConfig.defaults();
    assertThatThrownBy(() -> new CubicConfig(2_000_000_000, 1, 200, 200, 400, 0.01, 200).validate())
        .hasMessage("cubic: config field 'items' = 2000000000 is out of range; expected an integer in 2..1000000 (the "
            + "soft top-k works on dense vectors of all items)");
    assertThatThrownBy(() -> new CubicConfig(50, 1, 1_000_000_000, 200, 400, 0.01, 200).validate())
        .hasMessage("cubic: the config asks for 100000060000 generated numbers ((trainInstances + validationInstances "
            + "+ testInstances) x items x 2 (feature, target)); the limit is 100000000 (800 MB of doubles), so that a "
            + "typo fails here rather than as an out-of-memory error later");
    assertThatThrownBy(() -> new CubicConfig(1_000_000, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        0.01, 200).validate()).hasMessageContaining("generated numbers").as("no overflow");
    assertThatThrownBy(() -> new CubicConfig(50, 1, 200, 200, 400, 0.01, 2_000_000_000).validate())
        .hasMessageContaining("'softTopkIterations' = 2000000000").hasMessageContaining("1..100000");
    assertThat(new CubicConfig(1_000, 1, 20_000, 20_000, 10_000, 0.01, 200).validate()).as("at the limit")
        .isNotNull();
    assertThat(d.validate()).isEqualTo(d);
  }
}
