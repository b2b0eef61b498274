package org.taskmet.tasks.mtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class DroStressTestTest {
  @Test
  void generatesTheReferenceShapesDeterministically() {
    List<DroStressTest.TaskData> a = DroStressTest.generate(4, 200, 30, 300);
    List<DroStressTest.TaskData> b = DroStressTest.generate(4, 200, 30, 300);
    assertThat(a).hasSize(10);
    for (int k = 0; k < 10; k++) {
      assertThat(a.get(k).trainX().rows()).isEqualTo(k == 8 ? 30 : 200);
      assertThat(a.get(k).trainX().cols()).isEqualTo(20);
      assertThat(a.get(k).testY().rows()).isEqualTo(300);
      assertThat(a.get(k).trainX().sameValues(b.get(k).trainX())).isTrue();
      assertThat(a.get(k).testY().sameValues(b.get(k).testY())).isTrue();
    }
    assertThat(a.get(9).role()).isEqualTo("unlearnable");
  }

  @Test
  void leastSquaresResidualsHaveTheStatedNoiseLevels() {
    List<DroStressTest.TaskData> tasks = DroStressTest.generate(5, 100, 30, 8000);
    // the best linear predictor leaves exactly the noise: σ² = 0.01 (easy, minority, conflict), 0.25
    // (low-resource), and the whole label variance 1 for the unlearnable task
    double[] expected = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.25, 1.0};
    for (int k = 0; k < 10; k++) {
      DroStressTest.TaskData t = tasks.get(k);
      RealMatrix x = new Array2DRowRealMatrix(t.testX().rows(), 20);
      for (int i = 0; i < t.testX().rows(); i++) {
        x.setRow(i, t.testX().row(i));
      }
      RealVector y = new ArrayRealVector(t.testY().data());
      RealVector w = new QRDecomposition(x).getSolver().solve(y);
      double residual = y.subtract(x.operate(w)).getNorm();
      double mse = residual * residual / y.getDimension();
      assertThat(mse).as("residual variance of task %d", k + 1).isCloseTo(expected[k], within(0.05 * expected[k]));
      assertThat(t.noiseVariance()).isCloseTo(expected[k], within(1e-12));
    }
  }
}
