package org.taskmet.tasks.pyepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Matrix;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.solvers.combinatorial.MultiKnapsackOracle;

/** The PyEPO task plugins: PyEPO's formulas, draw order, shapes, sense and config errors. */
class PyepoTasksTest {
  static ShortestPathTask shortestPath(Map<String, Object> overrides) {
    ShortestPathTaskProvider p = new ShortestPathTaskProvider();
    return (ShortestPathTask) p.create(PluginConfigs.withOverrides(p, overrides));
  }

  static KnapsackTask knapsack(Map<String, Object> overrides) {
    KnapsackTaskProvider p = new KnapsackTaskProvider();
    return (KnapsackTask) p.create(PluginConfigs.withOverrides(p, overrides));
  }

  static List<Instance> all(DataSplits s) {
    List<Instance> out = new ArrayList<>(s.train().instances());
    out.addAll(s.validation().instances());
    out.addAll(s.test().instances());
    return out;
  }

  @Test
  void notebookDefaultsGiveFortyArcsAndTheNotebookSplits() {
    ShortestPathTask task = shortestPath(Map.of());
    assertThat(task.shape().features()).isEqualTo(5);
    assertThat(task.shape().outputs()).isEqualTo(40);
    DataSplits s = task.generate(0);
    assertThat(s.train().size()).isEqualTo(1000);
    assertThat(s.test().size()).isEqualTo(1000);
    assertThat(s.validation().size()).isEqualTo(200);
    Instance in = s.train().get(0);
    assertThat(in.features().shape()).isEqualTo("1x5");
    assertThat(in.targets().shape()).isEqualTo("1x40");
    KnapsackTask ks = knapsack(Map.of());
    assertThat(ks.shape().outputs()).isEqualTo(16);
    assertThat(ks.generate(0).train().size()).isEqualTo(100);
  }

  @Test
  void nonSquareGridsHaveHTimesWMinusOnePlusWTimesHMinusOneArcs() {
    ShortestPathTask t = shortestPath(Map.of("grid_rows", 3, "grid_cols", 6, "num_data", 5, "num_test", 5));
    assertThat(t.shape().outputs()).isEqualTo(3 * 5 + 6 * 2);
    assertThat(t.generate(1).test().get(0).targets().cols()).isEqualTo(27);
  }

  @Test
  void sameSeedSameDataBitForBitOtherSeedOtherData() {
    KnapsackTask t = knapsack(Map.of());
    DataSplits a = t.generate(7);
    DataSplits b = t.generate(7);
    DataSplits c = t.generate(8);
    for (int i = 0; i < a.test().size(); i++) {
      assertThat(a.test().get(i).features().sameValues(b.test().get(i).features())).isTrue();
      assertThat(a.test().get(i).targets().sameValues(b.test().get(i).targets())).isTrue();
    }
    assertThat(a.test().get(0).targets().sameValues(c.test().get(0).targets())).isFalse();
  }

  /**
   * With deg = 1 and no noise PyEPO's cost is affine in x: 3.5·c_j − 4 = (B x)_j / √p. Least squares on the
   * samples recovers row j of B, which must be a 0/1 vector reproducing every cost (float32 precision), the
   * same B for all three splits (one matrix per data set).
   */
  @Test
  void shortestPathCostsArePyeposPolynomialOfOneBernoulliMatrix() {
    ShortestPathTask t = shortestPath(Map.of("deg", 1, "noise_width", 0.0, "num_data", 60, "num_val", 20,
        "num_test", 40));
    List<Instance> samples = all(t.generate(3));
    int p = 5;
    double[][] x = new double[samples.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = samples.get(i).features().data();
    }
    QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(x));
    int ones = 0;
    for (int j = 0; j < 40; j++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (3.5 * samples.get(i).targets().get(0, j) - 4) * Math.sqrt(p);
      }
      RealVector b = qr.getSolver().solve(new ArrayRealVector(y));
      for (int k = 0; k < p; k++) {
        double rounded = Math.abs(Math.rint(b.getEntry(k)));
        assertThat(rounded).isIn(0.0, 1.0);
        assertThat(b.getEntry(k)).isCloseTo(rounded, offset(1e-5));
        ones += (int) rounded;
      }
      for (int i = 0; i < x.length; i++) {
        double bx = 0;
        for (int k = 0; k < p; k++) {
          bx += Math.abs(Math.rint(b.getEntry(k))) * x[i][k];
        }
        assertThat(samples.get(i).targets().get(0, j)).isCloseTo((bx / Math.sqrt(p) + 3 + 1) / 3.5,
            offset(1e-6 * (1 + Math.abs(bx))));
      }
    }
    // 200 Bernoulli(0.5) draws
    assertThat(ones).isBetween(70, 130);
  }

  /**
   * B and x are drawn before any noise, so the same seed with and without noise gives the same B and x: the
   * cost ratio is then PyEPO's noise factor ε ~ U(1 − ε̄, 1 + ε̄), with mean 1 and variance (2ε̄)²/12.
   */
  @Test
  void noiseIsAMultiplicativeUniformFactorDrawnAfterTheFeatures() {
    Map<String, Object> base = Map.of("num_data", 400, "num_val", 0, "num_test", 100);
    List<Instance> clean = all(shortestPath(withNoise(base, 0.0)).generate(5));
    List<Instance> noisy = all(shortestPath(withNoise(base, 0.5)).generate(5));
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int i = 0; i < clean.size(); i++) {
      assertThat(noisy.get(i).features().sameValues(clean.get(i).features())).isTrue();
      for (int j = 0; j < 40; j++) {
        double e = noisy.get(i).targets().get(0, j) / clean.get(i).targets().get(0, j);
        assertThat(e).isBetween(0.5 - 1e-6, 1.5 + 1e-6);
        sum += e;
        sq += e * e;
        n++;
      }
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(1.0, offset(4 * Math.sqrt(1.0 / 12 / n)));
    assertThat(sq / n - mean * mean).isCloseTo(1.0 / 12, offset(0.004));
  }

  private static Map<String, Object> withNoise(Map<String, Object> base, double noise) {
    Map<String, Object> m = new java.util.HashMap<>(base);
    m.put("noise_width", noise);
    return m;
  }

  @Test
  void knapsackValuesAreCeiledIntegersAndWeightsArePyeposCentsSharedByTheDataSet() {
    KnapsackTask t = knapsack(Map.of("num_data", 50, "num_test", 50));
    List<Instance> samples = all(t.generate(2));
    Matrix w = samples.get(0).aux(MultiKnapsackOracle.WEIGHTS_AUX_KEY);
    assertThat(w.shape()).isEqualTo("2x16");
    for (double v : w.data()) {
      assertThat(v).isBetween(3.0, 7.99);
      assertThat(v * 100).isCloseTo(Math.rint(v * 100), offset(1e-9));
    }
    assertThat(samples.get(0).aux(MultiKnapsackOracle.CAPACITIES_AUX_KEY).data()).containsExactly(20, 20);
    for (Instance in : samples) {
      assertThat(in.aux(MultiKnapsackOracle.WEIGHTS_AUX_KEY).sameValues(w)).isTrue();
      for (double c : in.targets().data()) {
        assertThat(c).isEqualTo(Math.ceil(c)).isGreaterThanOrEqualTo(1);
      }
    }
    assertThat(all(t.generate(3)).get(0).aux(MultiKnapsackOracle.WEIGHTS_AUX_KEY).sameValues(w)).isFalse();
  }

  @Test
  void shortestPathIsAMinimizationExpressedAsMaximization() {
    ShortestPathTask t = shortestPath(Map.of("num_data", 5, "num_test", 5));
    LinearDecisionProblem problem = (LinearDecisionProblem) t.decisionProblem();
    assertThat(problem.sense()).isEqualTo(LinearDecisionProblem.Sense.MINIMIZE);
    Instance in = t.generate(0).test().get(0);
    double[] cost = in.targets().data();
    double[] z = t.decisionProblem().evaluationSolver().solve(in.targets(), in, null).decision();
    double pathCost = 0;
    for (int k = 0; k < 40; k++) {
      pathCost += cost[k] * z[k];
    }
    // the objective is the negated path cost, and the evaluation solver takes the cheapest of the 70 paths
    assertThat(problem.objective(in, z, in.targets())).isCloseTo(-pathCost, offset(1e-12));
    assertThat(problem.objectiveGradient(in, z, in.targets())[3]).isEqualTo(-cost[3]);
    double[] reward = problem.rewards(in.targets(), new double[40]);
    double[] best = new double[40];
    t.oracle().argmax(reward, in, best);
    assertThat(z).containsExactly(best);
    assertThat(KnapsackTask.NAME).isEqualTo("knapsack");
    assertThat(((LinearDecisionProblem) knapsack(Map.of()).decisionProblem()).sense())
        .isEqualTo(LinearDecisionProblem.Sense.MAXIMIZE);
  }

  @Test
  void badSettingsNameTheFieldAndTheAcceptedRange() {
    assertThatThrownBy(() -> shortestPath(Map.of("deg", 0)))
        .hasMessageContaining("shortest-path: config field 'deg' = 0 is out of range; expected an integer in 1..100");
    assertThatThrownBy(() -> shortestPath(Map.of("deg", 1000))).hasMessageContaining("'deg' = 1000")
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> shortestPath(Map.of("noise_width", -0.1)))
        .hasMessageContaining("config field 'noise_width' = -0.1");
    assertThatThrownBy(() -> shortestPath(Map.of("grid_rows", 1, "grid_cols", 1)))
        .hasMessageContaining("grid 1x1 has a single node");
    assertThatThrownBy(() -> shortestPath(Map.of("training_solver", "spo")))
        .hasMessageContaining("'training_solver' = 'spo' is invalid; expected 'spo-plus', 'dpo'");
    assertThatThrownBy(() -> knapsack(Map.of("num_items", 63)))
        .hasMessageContaining("knapsack: config field 'num_items' = 63");
    assertThatThrownBy(() -> knapsack(Map.of("capacity", 0.0)))
        .hasMessageContaining("config field 'capacity' = 0.0");
    assertThatThrownBy(() -> knapsack(Map.of("training_sigma", 0.0)))
        .hasMessageContaining("config field 'training_sigma' = 0.0");
    assertThatThrownBy(() -> shortestPath(Map.of("deg", 1.5))).hasMessageContaining("'deg'")
        .hasMessageContaining("an integer");
    // sizes that would not fit in memory fail before anything is generated (issue 14)
    assertThatThrownBy(() -> shortestPath(Map.of("grid_rows", 100_000, "grid_cols", 100_000)))
        .hasMessageContaining("shortest-path: the config asks for").hasMessageContaining("arcs")
        .hasMessageContaining("the limit is 100000000");
    assertThatThrownBy(() -> shortestPath(Map.of("num_feat", 1_000_000_000)))
        .hasMessageContaining("num_feat").hasMessageContaining("the limit is 100000000");
    assertThatThrownBy(() -> knapsack(Map.of("dim", 2_000_000_000))).hasMessageContaining("dim x num_items");
  }
}
