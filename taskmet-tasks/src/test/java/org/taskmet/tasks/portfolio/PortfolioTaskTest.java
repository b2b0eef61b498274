package org.taskmet.tasks.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.core.plugin.PluginConfigs;

class PortfolioTaskTest {
  @TempDir Path dir;

  static PortfolioConfig small(String file, int assets) {
    return new PortfolioConfig(assets, 0.1, 0.1, 6, 4, 5, file.isEmpty() ? "synthetic" : "csv", file, 12, 400, 2, 0.01,
        0.015, 0.1, 0.2);
  }

  @Test
  void rawFeaturesMatchHandComputations() {
    double[] p = new double[400];
    for (int t = 0; t < p.length; t++) {
      p[t] = 100 + t + 3 * Math.sin(t);
    }
    double[] f = new double[PortfolioFeatures.COUNT];
    int t = 380;
    PortfolioFeatures.raw(p, t, f, 0);
    assertThat(f[0]).isCloseTo(p[t] / p[t - 1] - 1, offset(1e-15));
    assertThat(f[10]).isCloseTo(p[t - 10] / p[t - 11] - 1, offset(1e-15));
    assertThat(f[11]).isCloseTo(p[t] / p[t - 365] - 1, offset(1e-15));
    assertThat(f[14]).isCloseTo(p[t] / p[t - 7] - 1, offset(1e-15));
    double m3 = (p[t] + p[t - 1] + p[t - 2]) / 3;
    double v3 = ((p[t] - m3) * (p[t] - m3) + (p[t - 1] - m3) * (p[t - 1] - m3) + (p[t - 2] - m3) * (p[t - 2] - m3)) / 2;
    assertThat(f[25]).isCloseTo(m3, offset(1e-9));
    assertThat(f[26]).isCloseTo(v3, offset(1e-9));
    assertThat(f[27]).isEqualTo(p[t]);
  }

  private static Solver unusedSolver() {
    return null;
  }

  @Test
  void syntheticSplitsAreContiguousWithForwardCorrelation() {
    PortfolioConfig c = small("", 8);
    PortfolioTask task = new PortfolioTask(c, c.source(), unusedSolver(), unusedSolver());
    DataSplits s = task.generate(4);
    assertThat(s.train().size()).isEqualTo(6);
    assertThat(s.validation().size()).isEqualTo(4);
    assertThat(s.test().size()).isEqualTo(5);
    Instance in = s.test().get(2);
    assertThat(in.features().shape()).isEqualTo("8x28");
    assertThat(in.targets().shape()).isEqualTo("8x1");
    Matrix cov = in.aux("covariance");
    Matrix l = in.aux("cholesky");
    for (int i = 0; i < 8; i++) {
      // z-scored with the population std over 9 values, divided by 8: diagonal 9/8, plus the ridge
      assertThat(cov.get(i, i)).isCloseTo(9.0 / 8 + 0.1, offset(1e-12));
      for (int j = 0; j < 8; j++) {
        double llt = 0;
        for (int k = 0; k < 8; k++) {
          llt += l.get(i, k) * l.get(j, k);
        }
        assertThat(llt).isCloseTo(cov.get(i, j), offset(1e-12));
        if (j > i) {
          assertThat(l.get(i, j)).isZero();
        }
      }
    }
    // the next day's target is the current return feature of the following day (before normalization):
    // check through the raw prices that targets are plausible daily returns
    for (double y : in.targets().data()) {
      assertThat(Math.abs(y)).isLessThan(0.3);
    }
    assertThat(task.generate(4).train().get(0).features().sameValues(s.train().get(0).features())).isTrue();
  }

  @Test
  void objectiveGradientMatchesFiniteDifferences() {
    PortfolioConfig c = small("", 6);
    PortfolioTask task = new PortfolioTask(c, c.source(), unusedSolver(), unusedSolver());
    Instance in = task.generate(2).train().get(1);
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = new double[6];
    for (int i = 0; i < 6; i++) {
      x[i] = rng.nextDouble();
    }
    double[] g = task.decisionProblem().objectiveGradient(in, x, in.targets());
    for (int i = 0; i < 6; i++) {
      double[] p = x.clone();
      double[] m = x.clone();
      p[i] += 1e-6;
      m[i] -= 1e-6;
      double fd = (task.decisionProblem().objective(in, p, in.targets())
          - task.decisionProblem().objective(in, m, in.targets())) / 2e-6;
      assertThat(g[i]).isCloseTo(fd, offset(1e-7));
    }
    // the risk term is ‖Lx‖², not xᵀΣx: check on a unit vector
    double[] e = new double[6];
    e[0] = 1;
    Matrix l = in.aux("cholesky");
    assertThat(task.decisionProblem().objective(in, e, in.targets()))
        .isCloseTo(in.targets().get(0, 0) - 0.1 * sumSq(l, 0), offset(1e-12));
    // (xᵀΣx would give Σ_00 = L_00², which differs from Σ_i L_i0² for this random Σ)
    assertThat(Math.abs(sumSq(l, 0) - l.get(0, 0) * l.get(0, 0))).isGreaterThan(1e-6);
  }

  /** Σ_i L_i0² = (LᵀL)_00 = ‖L e_0‖². */
  private static double sumSq(Matrix l, int col) {
    double s = 0;
    for (int i = 0; i < l.rows(); i++) {
      s += l.get(i, col) * l.get(i, col);
    }
    return s;
  }

  @Test
  void csvLoaderKeepsCompleteSymbolsAndFeedsTheTask() throws IOException {
    Path f = dir.resolve("prices.csv");
    StringBuilder sb = new StringBuilder("Date,Symbol,Adj Close,Volume\n");
    SyntheticMarket m = new SyntheticMarket(7, 400, 2, 0.01, 0.015, 0.1, 0.2);
    PriceHistory h = m.load(new SplittableRandom(9));
    java.time.LocalDate d0 = java.time.LocalDate.of(2010, 1, 4);
    for (int t = 0; t < h.days(); t++) {
      for (int s = 0; s < 7; s++) {
        if (s == 6 && t == 17) {
          continue; // symbol 6 misses a day and must be dropped
        }
        sb.append(d0.plusDays(t)).append(',').append(h.symbols().get(s)).append(',')
            .append(h.close(t, s)).append(',').append(1000).append('\n');
      }
    }
    Files.writeString(f, sb.toString());
    PriceHistory loaded = new PriceCsv(f).load(new SplittableRandom(0));
    assertThat(loaded.symbolCount()).isEqualTo(6);
    assertThat(loaded.days()).isEqualTo(400);
    assertThat(loaded.close(123, 4)).isEqualTo(h.close(123, 4));
    PortfolioConfig c = small(f.toString(), 5);
    DataSplits s = new PortfolioTask(c, c.source(), unusedSolver(), unusedSolver()).generate(1);
    assertThat(s.test().size()).isEqualTo(5);
  }

  @Test
  void csvErrorsNameFileAndLine() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "date,symbol,adj_close,volume\n2010-01-04,AAA,10.5,100\n2010-01-05,AAA,abc,100\n");
    assertThatThrownBy(() -> new PriceCsv(f).load(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv").hasMessageContaining("line 3").hasMessageContaining("abc");
    Files.writeString(f, "date,symbol,volume\n2010-01-04,AAA,100\n");
    assertThatThrownBy(() -> new PriceCsv(f).load(null)).hasMessageContaining("adj_close");
    Files.writeString(f, "date,symbol,adj_close,volume\n04/01/2010,AAA,10,100\n");
    assertThatThrownBy(() -> new PriceCsv(f).load(null)).hasMessageContaining("line 2").hasMessageContaining("ISO");
    Files.writeString(f, "date,symbol,adj_close,volume\n2010-01-04,AAA,-3,100\n");
    assertThatThrownBy(() -> new PriceCsv(f).load(null)).hasMessageContaining("line 2")
        .hasMessageContaining("-3 of AAA is not a price in");
  }

  private static void validate(Map<String, ?> overrides) {
    PluginConfigs.withOverrides(new PortfolioTaskProvider(), overrides).validate();
  }

  /** Sizes that would exhaust memory or never finish fail before any price is read, naming the limit (issue 14). */
  @Test
  void hugeSizesAreRejectedUpFrontWithTheLimitAndWhy() {
    assertThatThrownBy(() -> validate(Map.of("assets", 2_000_000_000)))
        .hasMessage("portfolio: config field 'assets' = 2000000000 is out of range; expected an integer in 2..5000 "
            + "(every decision solves a dense QP over the assets)");
    assertThatThrownBy(() -> validate(Map.of("trainDays", 1_000_000_000)))
        .hasMessage("portfolio: the config asks for 6450003870000 generated numbers ((trainDays + validationDays + "
            + "testDays) x (2 x assets x assets + 29 x assets) (each day's covariance, its Cholesky factor, features "
            + "and returns)); the limit is 100000000 (800 MB of doubles), so that a typo fails here rather than as an "
            + "out-of-memory error later");
    assertThatThrownBy(() -> validate(Map.of("trainDays", Integer.MAX_VALUE, "validationDays", Integer.MAX_VALUE,
        "testDays", Integer.MAX_VALUE))).as("no overflow").hasMessageContaining("generated numbers ((trainDays");
    assertThatThrownBy(() -> validate(Map.of("data", "synthetic", "marketDays", 2_000_000_000)))
        .hasMessageContaining("generated numbers (marketSymbols x marketDays");
    assertThatThrownBy(() -> validate(Map.of("data", "synthetic", "marketFactors", 1_000_000)))
        .hasMessageContaining("'marketFactors' = 1000000").hasMessageContaining("1..100");
    assertThat(PluginConfigs.withOverrides(new PortfolioTaskProvider(), Map.of("assets", 200, "data", "stockdata"))
        .validate())
        .as("800 days x (2 x 200 x 200 + 29 x 200) = 6.9e7: under the limit").isNotNull();
  }

  @Test
  void tooShortHistoryIsAClearError() {
    PortfolioConfig d = PortfolioConfig.defaults();
    assertThatThrownBy(() -> new PortfolioConfig(50, 0.1, 0.1, 200, 200, 400, "synthetic", "", 60, 1000, 3, 0.01, 0.015,
        0.1, 0.2)
        .validate()).hasMessageContaining("marketDays").hasMessageContaining("1175");
    assertThat(d.neededDays()).isEqualTo(1175);
  }
}
