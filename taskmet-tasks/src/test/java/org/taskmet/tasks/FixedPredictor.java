package org.taskmet.tasks;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.TrainedPredictor;

/** Parameter-free predictors for tests that evaluate a known prediction rule (no training, no gradients). */
public final class FixedPredictor {
  /** The prediction for one row of the input. */
  @FunctionalInterface
  public interface RowRule {
    double predict(Matrix input, int row);
  }

  private FixedPredictor() {}

  /** A predictor with {@code inputSize} features and one output, {@code rule} applied to each row. */
  public static TrainedPredictor of(int inputSize, RowRule rule) {
    Model m = new Model() {
      public int inputSize() {
        return inputSize;
      }

      public int outputSize() {
        return 1;
      }

      public int parameterCount() {
        return 0;
      }

      public double[] initialParameters(RandomGenerator rng) {
        return new double[0];
      }

      public ForwardPass forward(double[] p, Matrix input) {
        double[] out = new double[input.rows()];
        for (int r = 0; r < out.length; r++) {
          out[r] = rule.predict(input, r);
        }
        Matrix o = Matrix.column(out);
        return new ForwardPass() {
          public double[] parameters() {
            return p;
          }

          public Matrix input() {
            return input;
          }

          public Matrix output() {
            return o;
          }
        };
      }

      public double[] vjp(ForwardPass pass, Matrix g) {
        throw new UnsupportedOperationException("a fixed predictor has no parameters");
      }

      public Matrix jvp(ForwardPass pass, double[] v) {
        throw new UnsupportedOperationException("a fixed predictor has no parameters");
      }
    };
    return new TrainedPredictor(m, new double[0], null, null, Map.of());
  }
}
