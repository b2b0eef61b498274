package org.taskmet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The default {@link Model#vjpTangent} (central difference of VJPs) against the exact R-operator. */
class FiniteDifferenceFallbackTest {
  /** y_r = θ0² x_r + sin(θ1) x_r²: nonlinear in θ, so the second-order term of the R-operator is not zero. */
  static final class Curved implements Model {
    public int inputSize() { return 1; }
    public int outputSize() { return 1; }
    public int parameterCount() { return 2; }
    public double[] initialParameters(RandomGenerator rng) { return new double[] {rng.nextDouble(), rng.nextDouble()}; }

    public ForwardPass forward(double[] p, Matrix x) {
      Matrix y = Matrix.zeros(x.rows(), 1);
      for (int r = 0; r < x.rows(); r++) {
        double v = x.get(r, 0);
        y.set(r, 0, p[0] * p[0] * v + Math.sin(p[1]) * v * v);
      }
      return new ForwardPass() {
        public double[] parameters() { return p; }
        public Matrix input() { return x; }
        public Matrix output() { return y; }
      };
    }

    public double[] vjp(ForwardPass pass, Matrix g) {
      double[] p = pass.parameters();
      double[] out = new double[2];
      for (int r = 0; r < g.rows(); r++) {
        double v = pass.input().get(r, 0);
        out[0] += g.get(r, 0) * 2 * p[0] * v;
        out[1] += g.get(r, 0) * Math.cos(p[1]) * v * v;
      }
      return out;
    }

    public Matrix jvp(ForwardPass pass, double[] t) {
      double[] p = pass.parameters();
      Matrix out = Matrix.zeros(pass.input().rows(), 1);
      for (int r = 0; r < out.rows(); r++) {
        double v = pass.input().get(r, 0);
        out.set(r, 0, 2 * p[0] * v * t[0] + Math.cos(p[1]) * v * v * t[1]);
      }
      return out;
    }

    /** The exact R-operator, for comparison only (the model under test uses the default). */
    double[] exactVjpTangent(ForwardPass pass, double[] t, Matrix g, Matrix gDot) {
      double[] p = pass.parameters();
      double[] out = vjp(pass, gDot);
      for (int r = 0; r < g.rows(); r++) {
        double v = pass.input().get(r, 0);
        out[0] += g.get(r, 0) * 2 * v * t[0];
        out[1] += g.get(r, 0) * -Math.sin(p[1]) * v * v * t[1];
      }
      return out;
    }
  }

  @Test
  void centralDifferenceMatchesTheExactProduct() {
    Curved model = new Curved();
    Matrix x = Matrix.column(new double[] {0.5, -1.2, 2.0});
    ForwardPass pass = model.forward(new double[] {0.7, 0.3}, x);
    double[] tangent = {0.4, -1.1};
    Matrix g = Matrix.column(new double[] {1.0, -0.5, 0.25});
    Matrix gDot = Matrix.column(new double[] {0.2, 0.1, -0.3});

    double[] approx = model.vjpTangent(pass, tangent, g, gDot);
    double[] exact = model.exactVjpTangent(pass, tangent, g, gDot);
    for (int i = 0; i < 2; i++) {
      assertThat(approx[i]).as("coordinate %d", i).isCloseTo(exact[i], within(1e-6 * (1 + Math.abs(exact[i]))));
    }
  }

  @Test
  void aZeroTangentGivesTheVjpOfTheCotangentTangent() {
    Curved model = new Curved();
    ForwardPass pass = model.forward(new double[] {0.7, 0.3}, Matrix.column(new double[] {1.0, 2.0}));
    Matrix gDot = Matrix.column(new double[] {0.5, 1.5});
    assertThat(model.vjpTangent(pass, new double[2], Matrix.column(new double[] {3, 4}), gDot))
        .containsExactly(model.vjp(pass, gDot));
  }
}
