package org.taskmet.conformance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;

/**
 * The conformance check of a {@link Model} plugin: shapes, seeded determinism of the initialization, and
 * VJP, JVP and vjpTangent (the exact HVP building block) against central finite differences at a random
 * point. Throws {@link AssertionError} naming the product, coordinate, expected and actual value.
 *
 * <pre>{@code new ModelConformance(FiniteDifferenceCheck.defaults()).check(model, 42, 7);}</pre>
 */
public final class ModelConformance {
  private final FiniteDifferenceCheck fd;

  public ModelConformance(FiniteDifferenceCheck fd) {
    this.fd = fd;
  }

  /**
   * Runs every check on {@code rows} random input rows; the point is the model's initial parameters for
   * {@code seed} plus a small random perturbation (so checks do not sit on a special point such as zero
   * biases).
   */
  public void check(Model model, long seed, int rows) {
    String name = model.toString();
    double[] init = model.initialParameters(new SplittableRandom(seed));
    if (init.length != model.parameterCount()) {
      throw new AssertionError(name + ": initialParameters has length " + init.length + ", parameterCount() says "
          + model.parameterCount());
    }
    if (!Arrays.equals(init, model.initialParameters(new SplittableRandom(seed)))) {
      throw new AssertionError(name + ": initialParameters is not a function of the generator's seed");
    }
    RandomGenerator rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] theta = init.clone();
    for (int i = 0; i < theta.length; i++) {
      if (!Double.isFinite(theta[i])) {
        throw new AssertionError(name + ": initial parameter " + i + " is not finite: " + theta[i]);
      }
      theta[i] += 0.05 * rng.nextGaussian();
    }
    Matrix x = gaussian(rows, model.inputSize(), rng);
    ForwardPass pass = model.forward(theta, x);
    Matrix out = pass.output();
    if (out.rows() != rows || out.cols() != model.outputSize()) {
      throw new AssertionError(name + ": forward output has shape " + out.shape() + ", expected " + rows + "x"
          + model.outputSize());
    }
    if (!out.isFinite()) {
      throw new AssertionError(name + ": forward output is not finite");
    }
    int q = rows * model.outputSize();
    Matrix g = gaussian(rows, model.outputSize(), rng);
    Matrix gDot = gaussian(rows, model.outputSize(), rng);
    double[] vjp = model.vjp(pass, g);
    if (vjp.length != model.parameterCount()) {
      throw new AssertionError(name + ": vjp has length " + vjp.length + ", expected " + model.parameterCount());
    }
    fd.gradient(name + " VJP", t -> dot(g.data(), model.forward(t, x).output().data()), vjp, theta, rng);

    double[] v = FiniteDifferenceCheck.randomUnit(theta.length, rng);
    Matrix jvp = model.jvp(pass, v);
    if (jvp.rows() != rows || jvp.cols() != model.outputSize()) {
      throw new AssertionError(name + ": jvp has shape " + jvp.shape() + ", expected " + rows + "x"
          + model.outputSize());
    }
    fd.vectors(name + " JVP", fd.directional(t -> model.forward(t, x).output().data(), theta, v), jvp.data());
    fd.compare(name + " VJP/JVP adjointness", "<g, Jv> vs <J^T g, v>", dot(g.data(), jvp.data()), dot(vjp, v),
        Math.sqrt(q) * FiniteDifferenceCheck.maxAbs(jvp.data()) * FiniteDifferenceCheck.maxAbs(g.data()));

    double[] rop = model.vjpTangent(pass, v, g, gDot);
    double[] expected = fd.directional(t -> model.vjp(model.forward(t, x), g), theta, v);
    double[] direct = model.vjp(pass, gDot);
    for (int i = 0; i < expected.length; i++) {
      expected[i] += direct[i];
    }
    fd.vectors(name + " vjpTangent (HVP)", expected, rop);
  }

  static Matrix gaussian(int rows, int cols, RandomGenerator rng) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return new Matrix(rows, cols, d);
  }

  static double dot(double[] a, double[] b) {
    return FiniteDifferenceCheck.dot(a, b);
  }
}
