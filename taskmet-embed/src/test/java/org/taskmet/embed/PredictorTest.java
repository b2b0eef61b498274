package org.taskmet.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.Solver;
import org.taskmet.api.TrainedPredictor;

/** The request path: features → predictions → the task's evaluation solver → decision, and its bad inputs. */
class PredictorTest {
  @Test
  void predictionsAndDecisionsAreThoseOfTheTrainedModelAndTheEvaluationSolver() {
    for (Predictor p : List.of(Trained.portfolio(), Trained.budget())) {
      TrainedPredictor trained = p.trained();
      Solver solver = p.task().decisionProblem().evaluationSolver();
      for (Instance day : Trained.requests(p).subList(0, 5)) {
        Matrix reference = trained.predict(day.features());
        assertThat(p.predict(day.features()).sameValues(reference)).as(p.spec().task()).isTrue();
        double[] expected = solver.solve(reference, day, new SplittableRandom(Predictor.DECISION_SEED)).decision();
        assertThat(p.decide(day.features(), day.aux())).as(p.spec().task()).containsExactly(expected);
      }
    }
  }

  @Test
  void aDecisionIsAFeasibleAllocation() {
    Predictor portfolio = Trained.portfolio();
    Instance day = Trained.requests(portfolio).get(0);
    double[] weights = portfolio.decide(day.features(), day.aux());
    assertThat(weights).hasSize(50);
    assertThat(Arrays.stream(weights).sum()).isCloseTo(1.0, offset(1e-9));
    assertThat(Arrays.stream(weights).min().orElseThrow()).isGreaterThanOrEqualTo(-1e-12);

    Predictor budget = Trained.budget();
    double[] spend = budget.decide(Trained.requests(budget).get(0).features());
    assertThat(spend).hasSize(5);
    assertThat(Arrays.stream(spend).sum()).isCloseTo(2.0, offset(1e-9));
  }

  @Test
  void badRequestsNameTheTaskAndWhatWasExpected() {
    Predictor p = Trained.portfolio();
    Instance day = Trained.requests(p).get(0);
    Matrix narrow = new Matrix(50, 27, new double[50 * 27]);
    assertThatThrownBy(() -> p.decide(narrow, day.aux())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("portfolio predictor: features must be 50x28 (items x features), got 50x27");
    assertThatThrownBy(() -> p.predict(new Matrix(49, 28, new double[49 * 28])))
        .hasMessage("portfolio predictor: features must be 50x28 (items x features), got 49x28");

    Matrix nan = day.features().copy();
    nan.set(3, 7, Double.NaN);
    assertThatThrownBy(() -> p.decide(nan, day.aux())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("portfolio predictor: features[3][7] is NaN; expected a finite value");

    Matrix badRisk = day.aux("cholesky").copy();
    badRisk.set(2, 1, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> p.decide(day.features(), Map.of("cholesky", badRisk)))
        .hasMessage("portfolio predictor: side data 'cholesky'[2][1] is Infinity; expected a finite value");

    assertThatThrownBy(() -> p.decide(day.features())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("solver 'portfolio-qp' of task 'portfolio' rejects its input: instance has no aux matrix "
            + "'cholesky'; it has []");
    assertThatThrownBy(() -> p.decide(day.features(), Map.of("cholesky", Matrix.zeros(3, 3))))
        .hasMessageStartingWith("solver 'portfolio-qp' of task 'portfolio' rejects its input: portfolio-qp: aux "
            + "'cholesky' must be 50x50");
    assertThatThrownBy(() -> p.decide(null)).isInstanceOf(NullPointerException.class).hasMessage("features");
  }

  @Test
  void aPredictorKeepsItsOwnCopyOfTheParameters() {
    Predictor p = Trained.budget();
    Matrix x = Trained.requests(p).get(1).features();
    double[] before = p.decide(x);
    p.trained().parameters()[0] += 1.0; // a copy: the predictor is unchanged
    assertThat(p.decide(x)).containsExactly(before);

    TrainedPredictor parts = p.trained();
    Predictor rebuilt = Predictor.of(p.spec(), p.task(), parts, p.model(), null);
    Arrays.fill(parts.parameters(), 0.0); // the caller's array, copied by of()
    assertThat(rebuilt.decide(x)).containsExactly(before);
  }

  @Test
  void aModelPluginOtherThanTheBuiltInMlpGoesThroughItsForward() {
    Predictor p = Trained.budget();
    TrainedPredictor t = p.trained();
    Predictor generic = Predictor.of(p.spec(), p.task(), new TrainedPredictor(new Delegating(t.model()),
        t.parameters(), null, null, Map.of()), p.model(), null);
    for (Instance day : Trained.requests(p).subList(0, 3)) {
      assertThat(generic.predict(day.features()).sameValues(p.predict(day.features()))).isTrue();
      assertThat(generic.decide(day.features())).containsExactly(p.decide(day.features()));
    }
  }

  @Test
  void partsThatDoNotFitAreRejected() {
    Predictor p = Trained.budget();
    TrainedPredictor t = p.trained();
    assertThatThrownBy(() -> Predictor.of(Trained.PORTFOLIO, p.task(), t, p.model(), null))
        .hasMessage("the spec names task 'portfolio' but the task is 'budget'");
    assertThatThrownBy(() -> Predictor.of(p.spec(), Trained.portfolio().task(), t, p.model(), null))
        .hasMessageStartingWith("the spec names task 'budget'");
    assertThatThrownBy(() -> Predictor.of(Trained.PORTFOLIO, Trained.portfolio().task(), t, p.model(), null))
        .hasMessage("the model maps 10 features to 10 outputs per item; task 'portfolio' has 28 features and 1 outputs");
    assertThatThrownBy(() -> Predictor.of(p.spec(), p.task(), t, p.model(), new PluginRef("taskmet-mlp", Map.of())))
        .hasMessage("a metric plugin 'taskmet-mlp' is named but the predictor has no learned metric");
  }

  /** A model that is not a {@code Sequential}: the predictor must use its forward pass. */
  private record Delegating(Model inner) implements Model {
    public int inputSize() { return inner.inputSize(); }
    public int outputSize() { return inner.outputSize(); }
    public int parameterCount() { return inner.parameterCount(); }
    public double[] initialParameters(RandomGenerator rng) { return inner.initialParameters(rng); }
    public ForwardPass forward(double[] parameters, Matrix input) { return inner.forward(parameters, input); }
    public double[] vjp(ForwardPass pass, Matrix g) { return inner.vjp(pass, g); }
    public Matrix jvp(ForwardPass pass, double[] v) { return inner.jvp(pass, v); }
  }
}
