package org.taskmet.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FiniteDifferenceCheckTest {
  // f(x) = (x0·x1, sin x2, x0²): J = [[x1, x0, 0], [0, 0, cos x2], [2x0, 0, 0]]
  private final Function<double[], double[]> f = x -> new double[] {x[0] * x[1], Math.sin(x[2]), x[0] * x[0]};
  private final double[] x = {0.7, -1.3, 0.4};

  @Test
  void acceptsCorrectProducts() {
    FiniteDifferenceCheck fd = FiniteDifferenceCheck.defaults();
    assertThatCode(() -> {
      fd.vjp("f", f, (p, w) -> new double[] {w[0] * p[1] + 2 * w[2] * p[0], w[0] * p[0], w[1] * Math.cos(p[2])}, x,
          new SplittableRandom(1));
      fd.jvp("f", f, (p, v) -> new double[] {v[0] * p[1] + v[1] * p[0], Math.cos(p[2]) * v[2], 2 * p[0] * v[0]}, x,
          new SplittableRandom(2));
      fd.gradient("sum", p -> p[0] * p[1] + Math.sin(p[2]), new double[] {x[1], x[0], Math.cos(x[2])}, x,
          new SplittableRandom(3));
    }).doesNotThrowAnyException();
  }

  @Test
  void namesTheProductAndCoordinateOfAWrongDerivative() {
    FiniteDifferenceCheck fd = FiniteDifferenceCheck.defaults();
    // VJP forgets the x0² output's contribution to coordinate 0
    assertThatThrownBy(() -> fd.vjp("f", f, (p, w) -> new double[] {w[0] * p[1], w[0] * p[0], w[1] * Math.cos(p[2])},
        x, new SplittableRandom(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("f VJP gradient at coordinate 0: expected");
    // JVP with a sign error in the sine term
    assertThatThrownBy(() -> fd.jvp("f", f, (p, v) -> new double[] {v[0] * p[1] + v[1] * p[0], -Math.cos(p[2]) * v[2],
        2 * p[0] * v[0]}, x, new SplittableRandom(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("f JVP at coordinate 1");
    assertThatThrownBy(() -> fd.gradient("g", p -> p[0], new double[] {1.0, 0.0, Double.NaN}, x,
        new SplittableRandom(3))).hasMessageContaining("not finite");
  }
}
