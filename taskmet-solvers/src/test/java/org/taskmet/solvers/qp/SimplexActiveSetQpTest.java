package org.taskmet.solvers.qp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.solvers.linalg.DenseCholesky;
import org.taskmet.solvers.testing.FiniteDifferences;

class SimplexActiveSetQpTest {
  @Test
  void factorDowndateEqualsRefactoringWithoutTheRowAndColumn() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 20; trial++) {
      int m = 2 + rng.nextInt(20);
      int k = rng.nextInt(m);
      double[] q = InteriorPointQpTest.psd(rng, m, m, 0.1);
      double[] l = new double[m * m];
      for (int i = 0; i < m; i++) {
        System.arraycopy(q, i * m, l, i * m, i + 1);
      }
      assertThat(DenseCholesky.factor(l, m)).isTrue();
      SimplexActiveSetQp.deleteRowAndColumn(l, m, k, new double[m * m], new double[m]);
      int nm = m - 1;
      double[] reduced = new double[nm * nm];
      for (int i = 0, ri = 0; i < m; i++) {
        if (i == k) {
          continue;
        }
        for (int j = 0, rj = 0; j < m; j++) {
          if (j == k) {
            continue;
          }
          reduced[ri * nm + rj] = q[i * m + j];
          rj++;
        }
        ri++;
      }
      assertThat(DenseCholesky.factor(reduced, nm)).isTrue();
      for (int i = 0; i < nm; i++) {
        for (int j = 0; j <= i; j++) {
          assertThat(l[i * nm + j]).isCloseTo(reduced[i * nm + j], org.assertj.core.data.Offset.offset(1e-10));
        }
      }
    }
  }

  @Test
  void certifiedSolutionsMatchTheInteriorPointOnRandomSimplexQps() {
    SplittableRandom rng = new SplittableRandom(2);
    InteriorPointQp ipm = new InteriorPointQp("ref", InteriorPointQp.Settings.defaults());
    SimplexActiveSetQp as = new SimplexActiveSetQp(50);
    int solved = 0;
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + rng.nextInt(40);
      double[] q = InteriorPointQpTest.psd(rng, n, Math.max(1, n / 3), 0.05);
      double[] c = FiniteDifferences.random(rng, n, -1, 1);
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1);
      QpProblem p = QpProblem.withBounds(n, q, c, 1, ones, new double[] {1}, new double[n], null);
      SimplexActiveSetQp.Result r = as.solve(n, q, c, null);
      if (r == null) {
        continue; // not settled: the portfolio solver falls back to the interior point
      }
      solved++;
      double[] ref = ipm.solve(p).x();
      assertThat(InteriorPointQpTest.objective(p, r.qp().x()))
          .isLessThanOrEqualTo(InteriorPointQpTest.objective(p, ref) + 1e-12);
      assertThat(FiniteDifferences.relativeError(r.qp().x(), ref)).isLessThan(1e-4);
    }
    assertThat(solved).isGreaterThanOrEqualTo(15);
  }
}
