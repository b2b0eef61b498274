package org.taskmet.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;

/** PyEPO's regret metrics on a problem small enough to compute by hand. */
class RegretEvaluatorTest {
  /** Pick exactly one of n items (ties: the lowest index; lexicographic: the best secondary among the best primary). */
  static final class PickOne implements LexicographicOracle {
    @Override
    public String name() {
      return "pick-one";
    }

    @Override
    public int dimension(Instance instance) {
      return instance.targets().cols();
    }

    @Override
    public void argmax(double[] c, Instance instance, double[] out) {
      argmaxLexicographic(c, new double[c.length], instance, out);
    }

    @Override
    public void argmaxLexicographic(double[] p, double[] s, Instance instance, double[] out) {
      int best = 0;
      for (int i = 1; i < p.length; i++) {
        if (p[i] > p[best] || (p[i] == p[best] && s[i] > s[best])) {
          best = i;
        }
      }
      java.util.Arrays.fill(out, 0);
      out[best] = 1;
    }
  }

  record Problem(Sense sense, LinearOracle oracle) implements LinearDecisionProblem {
    @Override
    public Solver trainingSolver() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Solver evaluationSolver() {
      throw new UnsupportedOperationException();
    }
  }

  static Instance instance(double... targets) {
    return new Instance(Matrix.of(new double[][] {{1.0}}), Matrix.of(new double[][] {targets}));
  }

  @Test
  void normalizedRegretIsOneRatioOverTheSetForCosts() {
    // costs: instance 0 optimum 1 (item 0), instance 1 optimum 10 (item 1)
    Dataset data = new Dataset("t", List.of(instance(1, 3, 2), instance(30, 10, 20)));
    RegretEvaluator eval = new RegretEvaluator(new Problem(LinearDecisionProblem.Sense.MINIMIZE, new PickOne()), data, 2);
    // predictions choose item 2 (cost 2, regret 1) and item 2 (cost 20, regret 10)
    RegretEvaluator.Result r = eval.evaluate(new double[] {5, 5, 0, 5, 5, 0});
    assertThat(r.normalizedRegret()).isCloseTo((1.0 + 10.0) / (1.0 + 10.0), offset(1e-15));
    assertThat(r.meanRegret()).isCloseTo(5.5, offset(1e-15));
    assertThat(r.meanOptimalObjective()).isCloseTo(5.5, offset(1e-15));
    // a mean of ratios would be (1/1 + 10/10)/2 = 1 too; make them differ: perfect on instance 1
    RegretEvaluator.Result r2 = eval.evaluate(new double[] {5, 5, 0, 30, 10, 20});
    assertThat(r2.normalizedRegret()).isCloseTo(1.0 / 11.0, offset(1e-15));
    assertThat(r2.mse()).isCloseTo(((16 + 4 + 4) / 3.0 + 0) / 2, offset(1e-12));
  }

  @Test
  void rewardsAreMaximizedAndRegretIsNonNegative() {
    Dataset data = new Dataset("t", List.of(instance(4, 1, 2)));
    RegretEvaluator eval = new RegretEvaluator(new Problem(LinearDecisionProblem.Sense.MAXIMIZE, new PickOne()), data, 1);
    assertThat(eval.evaluate(new double[] {0, 1, 0}).normalizedRegret()).isCloseTo(3.0 / 4.0, offset(1e-15));
    assertThat(eval.evaluate(new double[] {9, 1, 0}).normalizedRegret()).isZero();
    assertThat(eval.evaluate(new double[] {9, 1, 0}).meanOptimalObjective()).isEqualTo(4.0);
  }

  @Test
  void unambiguousRegretTakesTheWorstOfTiedPredictions() {
    Dataset data = new Dataset("t", List.of(instance(1, 3, 2)));
    RegretEvaluator eval = new RegretEvaluator(new Problem(LinearDecisionProblem.Sense.MINIMIZE, new PickOne()), data, 2);
    // items 0 and 1 are tied in prediction (within the 1e-5 rounding): the oracle takes item 0 (regret 0),
    // the worst tied optimum is item 1 (regret 2)
    RegretEvaluator.Result r = eval.evaluate(new double[] {0.5, 0.500000001, 0.9});
    assertThat(r.normalizedRegret()).isZero();
    assertThat(r.unambiguousRegret()).isCloseTo(2.0, offset(1e-15));
    // distinct predictions: both metrics agree
    RegretEvaluator.Result d = eval.evaluate(new double[] {0.6, 0.5, 0.9});
    assertThat(d.unambiguousRegret()).isEqualTo(d.normalizedRegret()).isCloseTo(2.0, offset(1e-15));
  }

  @Test
  void batchesOverTheCoresGiveTheRowByRowAnswer() {
    SplittableRandom rng = new SplittableRandom(3);
    List<Instance> list = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      list.add(instance(rng.doubles(6, 1, 2).toArray()));
    }
    Dataset data = new Dataset("t", list);
    Problem problem = new Problem(LinearDecisionProblem.Sense.MINIMIZE, new PickOne());
    RegretEvaluator eval = new RegretEvaluator(problem, data, 2);
    RegretEvaluator oneThread = new RegretEvaluator(problem, data, 1);
    double[] pred = rng.doubles(700 * 6, 0, 3).toArray();
    double regret = 0;
    double opt = 0;
    double[] z = new double[6];
    for (int i = 0; i < 700; i++) {
      double[] y = list.get(i).targets().data();
      double[] c = new double[6];
      for (int k = 0; k < 6; k++) {
        c[k] = -pred[i * 6 + k];
      }
      new PickOne().argmax(c, list.get(i), z);
      double chosen = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < 6; k++) {
        chosen += z[k] * y[k];
        best = Math.min(best, y[k]);
      }
      regret += chosen - best;
      opt += best;
    }
    assertThat(eval.evaluate(pred).normalizedRegret()).isCloseTo(regret / opt, offset(1e-12));
    assertThat(oneThread.evaluate(pred)).isEqualTo(eval.evaluate(pred));
  }

  @Test
  void badInputNamesWhatIsWrong() {
    Problem problem = new Problem(LinearDecisionProblem.Sense.MINIMIZE, new PickOne());
    assertThatThrownBy(() -> new RegretEvaluator(problem, new Dataset("zeros", List.of(instance(0, 0))), 1))
        .hasMessageContaining("every optimal objective is 0");
    RegretEvaluator eval = new RegretEvaluator(problem, new Dataset("t", List.of(instance(1, 2))), 1);
    assertThatThrownBy(() -> eval.evaluate(new double[3])).hasMessageContaining("3 predictions for 1 instances");
    assertThatThrownBy(() -> eval.evaluate(new double[] {1, Double.NaN}))
        .hasMessageContaining("prediction 1 of instance 0 is NaN");
  }
}
