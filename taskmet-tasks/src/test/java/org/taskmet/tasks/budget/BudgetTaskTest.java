package org.taskmet.tasks.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Task;
import org.taskmet.core.plugin.PluginConfigs;

class BudgetTaskTest {
  @TempDir Path dir;

  private static BudgetConfig small(String file) {
    BudgetConfig d = BudgetConfig.defaults();
    return new BudgetConfig(d.channels(), d.users(), d.budget(), 12, 6, 9, file.isEmpty() ? "synthetic" : "file", file,
        d.movielensMovies(), d.movielensUsers(), d.movielensThreshold(), d.syntheticRank(),
        d.syntheticConcentration(), d.syntheticInstanceSpread(), d.syntheticOffsetMean(), 100, 0.1, 0.9);
  }

  @Test
  void syntheticSplitsHaveReferenceShapesAndAreReproducible() {
    Task task = new BudgetTaskProvider().create(small(""));
    DataSplits a = task.generate(7);
    DataSplits b = task.generate(7);
    DataSplits c = task.generate(8);
    assertThat(a.train().size()).isEqualTo(12);
    assertThat(a.validation().size()).isEqualTo(6);
    assertThat(a.test().size()).isEqualTo(9);
    for (Instance in : a.train().instances()) {
      assertThat(in.features().shape()).isEqualTo("5x10");
      assertThat(in.targets().shape()).isEqualTo("5x10");
      for (double v : in.targets().data()) {
        assertThat(v).isBetween(0.0, 1.0);
      }
    }
    assertThat(a.test().get(3).features().sameValues(b.test().get(3).features())).isTrue();
    assertThat(a.train().get(0).targets().sameValues(c.train().get(0).targets())).isFalse();
  }

  @Test
  void featuresAreOneAffineMapOfTheColumnStandardizedTargets() {
    DataSplits s = new BudgetTaskProvider().create(small("")).generate(3);
    // standardize the validation+train pool per user column, then x = W z + b must hold with one W, b:
    // check it by fitting W, b by least squares on the pool and requiring an exact fit on the test split
    // up to the (different) test standardization, which we redo here
    List<Instance> pool = new java.util.ArrayList<>(s.validation().instances());
    pool.addAll(s.train().instances());
    double[][] zPool = standardized(pool);
    double[][] zTest = standardized(s.test().instances());
    // x = W z + b; solve for row o of W from 11 pool rows (10 users + bias) and verify on all rows
    int u = 10;
    org.apache.commons.math3.linear.RealMatrix a = new org.apache.commons.math3.linear.Array2DRowRealMatrix(
        zPool.length, u + 1);
    for (int r = 0; r < zPool.length; r++) {
      for (int j = 0; j < u; j++) {
        a.setEntry(r, j, zPool[r][j]);
      }
      a.setEntry(r, u, 1);
    }
    org.apache.commons.math3.linear.DecompositionSolver qr =
        new org.apache.commons.math3.linear.QRDecomposition(a).getSolver();
    double[][] xPool = rows(pool, true);
    double[][] xTest = rows(s.test().instances(), true);
    for (int o = 0; o < u; o++) {
      double[] col = new double[xPool.length];
      for (int r = 0; r < col.length; r++) {
        col[r] = xPool[r][o];
      }
      double[] coef = qr.solve(new org.apache.commons.math3.linear.ArrayRealVector(col)).toArray();
      for (int r = 0; r < xTest.length; r++) {
        double pred = coef[u];
        for (int j = 0; j < u; j++) {
          pred += coef[j] * zTest[r][j];
        }
        assertThat(xTest[r][o]).isCloseTo(pred, org.assertj.core.data.Offset.offset(1e-9));
      }
      assertThat(Math.abs(coef[0])).isLessThanOrEqualTo(1 / Math.sqrt(10) + 1e-9);
    }
  }

  private static double[][] rows(List<Instance> ins, boolean features) {
    double[][] out = new double[ins.size() * 5][];
    int r = 0;
    for (Instance in : ins) {
      Matrix m = features ? in.features() : in.targets();
      for (int i = 0; i < 5; i++) {
        out[r++] = m.row(i);
      }
    }
    return out;
  }

  private static double[][] standardized(List<Instance> ins) {
    double[][] y = rows(ins, false);
    int u = y[0].length;
    for (int j = 0; j < u; j++) {
      double m = 0;
      for (double[] row : y) {
        m += row[j];
      }
      m /= y.length;
      double v = 0;
      for (double[] row : y) {
        v += (row[j] - m) * (row[j] - m);
      }
      double sd = Math.sqrt(v / (y.length - 1));
      for (double[] row : y) {
        row[j] = (row[j] - m) / sd;
      }
    }
    return y;
  }

  @Test
  void objectiveMatchesTheCoverageFormulaOnAHandExample() {
    Task task = new BudgetTaskProvider().create(small(""));
    Instance in = task.generate(1).test().get(0);
    double[] y = new double[50];
    y[0] = 0.5; // channel 0, user 0
    y[10] = 0.5; // channel 1, user 0
    y[21] = 1.0; // channel 2, user 1
    double[] z = {1, 0.5, 0.5, 0, 0};
    // user 0: 1 − (1 − 0.5)(1 − 0.25) = 0.625; user 1: 1 − (1 − 0.5) = 0.5
    assertThat(task.decisionProblem().objective(in, z, new Matrix(5, 10, y))).isCloseTo(1.125,
        org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void syntheticModelGivesVariedProbabilities() {
    SyntheticClickModel m = new SyntheticClickModel(3, 10, 0.5, -1.5);
    List<double[]> ys = m.draw(200, 5, 10, new SplittableRandom(1));
    double mean = 0;
    double min = 1;
    double max = 0;
    for (double[] y : ys) {
      for (double v : y) {
        mean += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    mean /= 200 * 50;
    assertThat(mean).isBetween(0.1, 0.4);
    assertThat(min).isLessThan(0.01);
    assertThat(max).isGreaterThan(0.8);
  }

  @Test
  void betaSamplerHasTheBetaMean() {
    SplittableRandom rng = new SplittableRandom(5);
    double s = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      s += BetaSampler.sample(rng, 0.7, 2.1);
    }
    assertThat(s / n).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void loadsAMultiBlockFileAndSamplesFromIt() throws IOException {
    Path f = dir.resolve("clicks.txt");
    StringBuilder sb = new StringBuilder("# two 6x12 blocks\n");
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 12; j++) {
          sb.append(j == 0 ? "" : (j % 2 == 0 ? ", " : " ")).append((b * 100 + i * 12 + j) / 1000.0);
        }
        sb.append('\n');
      }
      sb.append('\n');
    }
    Files.writeString(f, sb.toString());
    ClickMatrixFile file = ClickMatrixFile.read(f);
    assertThat(file.blockCount()).isEqualTo(2);
    assertThat(file.channels()).isEqualTo(6);
    assertThat(file.users()).isEqualTo(12);
    DataSplits s = new BudgetTaskProvider().create(small(f.toString())).generate(11);
    // every target value must be one of the file's values: (b·100 + i·12 + j)/1000
    for (Instance in : s.train().instances()) {
      for (double v : in.targets().data()) {
        int code = (int) Math.round(v * 1000);
        assertThat(code % 100).isLessThan(72);
        assertThat(Math.abs(v * 1000 - code)).isLessThan(1e-9);
      }
    }
    // channels and users are drawn once: all instances from the same block are identical
    long distinct = s.train().instances().stream().map(in -> java.util.Arrays.toString(in.targets().data()))
        .distinct().count();
    assertThat(distinct).isBetween(1L, 2L);
  }

  @Test
  void fileErrorsNameTheFileAndLine() throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "0.1 0.2 0.3\n0.1 1.5 0.3\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.txt").hasMessageContaining("line 2").hasMessageContaining("1.5");
    Files.writeString(f, "0.1 0.2 0.3\n0.1 0.3\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(f)).hasMessageContaining("line 2").hasMessageContaining("expected 3");
    Files.writeString(f, "0.1 x 0.3\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(f)).hasMessageContaining("line 1").hasMessageContaining("'x'");
    assertThatThrownBy(() -> ClickMatrixFile.read(dir.resolve("missing.txt")))
        .hasMessageContaining("missing.txt");
  }

  private static void validate(Map<String, ?> overrides) {
    PluginConfigs.withOverrides(new BudgetTaskProvider(), overrides).validate();
  }

  /** Sizes that would exhaust memory or never finish fail before anything is drawn, naming the limit (issue 14). */
  @Test
  void hugeSizesAreRejectedUpFrontWithTheLimitAndWhy() {
    assertThatThrownBy(() -> validate(Map.of("users", 2_000_000_000)))
        .hasMessage("budget: config field 'users' = 2000000000 is out of range; expected an integer in 1..10000 (the "
            + "features are one users x users affine map of the targets)");
    assertThatThrownBy(() -> validate(Map.of("channels", 2_000_000_000)))
        .hasMessage("budget: the config asks for 24000000000000 generated numbers ((trainInstances + "
            + "validationInstances + testInstances) x channels x users x 2 (features, targets)); the limit is "
            + "100000000 (800 MB of doubles), so that a typo fails here rather than as an out-of-memory error later");
    assertThatThrownBy(() -> validate(Map.of("trainInstances", Integer.MAX_VALUE, "validationInstances",
        Integer.MAX_VALUE, "testInstances", Integer.MAX_VALUE, "channels", Integer.MAX_VALUE, "users", 10_000)))
        .as("no overflow").hasMessageContaining("asks for more than 2^63 generated numbers");
    assertThatThrownBy(() -> validate(Map.of("solverIterations", 2_000_000_000)))
        .hasMessageContaining("'solverIterations' = 2000000000").hasMessageContaining("1..100000");
    assertThatThrownBy(() -> validate(Map.of("syntheticRank", 2_000_000_000)))
        .hasMessageContaining("'syntheticRank' = 2000000000").hasMessageContaining("1..1000");
    assertThatThrownBy(() -> validate(Map.of("movielensMovies", 100_000, "movielensUsers", 100_000)))
        .hasMessageContaining("movielensMovies x movielensUsers (the click block)");
    assertThat(PluginConfigs.withOverrides(new BudgetTaskProvider(), Map.of("channels", 8_000)).validate())
        .as("600 instances x 8000 channels x 10 users x 2 = 9.6e7: under the limit")
        .isNotNull();
  }

  /**
   * Budget's evaluation solver is the reference's local one (projected gradient ascent from a random start on a
   * non-concave objective): a predictor may beat it by a little, so the divergence guard must not call a normalized
   * decision quality of 1.002 inconsistent (a paper-profile trial was flagged so).
   */
  @Test
  void theEvaluationSolverDoesNotClaimGlobalOptima() {
    Task task = new BudgetTaskProvider().create(small(""));
    assertThat(task.decisionProblem().evaluationSolver().globalOptimum()).isFalse();
  }

  @Test
  void configErrorsNameTheField() {
    BudgetConfig d = BudgetConfig.defaults();
    assertThatThrownBy(() -> new BudgetTaskProvider().create(new BudgetConfig(5, 10, 7, 80, 20, 500, "synthetic", "",
        500, 100, 4, 3, 10, 0.5, -1.5, 100, 0.1, 0.9))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'budget'")
        .hasMessageContaining("7");
    assertThat(d.validate()).isEqualTo(d);
  }
}
