package org.taskmet.core.nn;

import java.util.random.RandomGenerator;

/**
 * One layer of a {@link LayerStack}: a map from input rows to output rows (one row per item, each row a
 * flattened {@link ImageShape}), with its parameters, if any, at a fixed offset of the stack's flat
 * parameter vector.
 *
 * <p>{@link #forward} evaluates the layer and returns a {@link Pass} that keeps what the products need. The
 * products follow the {@link org.taskmet.api.Model} contract: reverse ({@link Pass#backward}), forward
 * ({@link Pass#tangent}) and the R-operator of the reverse product ({@link Pass#backwardTangent}), all exact.
 * Every output array of a product is overwritten, never accumulated into; parameter gradients are written
 * into this layer's own range of the full-length gradient.
 */
public interface Layer {
  int inputSize();

  int outputSize();

  /** 0 for parameter-free layers (activations, pooling). */
  int parameterCount();

  /** Writes this layer's initial parameters into its range of {@code theta}. */
  void initialize(double[] theta, RandomGenerator rng, Initialization init);

  /** Evaluates {@code rows} input rows {@code x} (rows × inputSize) at parameters {@code theta} (full vector). */
  Pass forward(double[] theta, int rows, double[] x);

  /** A short label for model descriptions, e.g. {@code "conv10k9"}. */
  String describe();

  /** The layer evaluated at one point. Not safe for concurrent use (it may keep scratch buffers). */
  interface Pass {
    /** The output rows (rows × outputSize); do not modify. */
    double[] output();

    /**
     * Reverse product for the output cotangent {@code gOut}: writes the parameter gradient into this layer's
     * range of {@code grad} and, when {@code gIn != null}, the input cotangent.
     */
    void backward(double[] gOut, double[] grad, double[] gIn);

    /**
     * Forward product: writes the output tangent for input tangent {@code xDot} ({@code null} = 0) and
     * parameter tangent {@code thetaDot} (full length) into {@code outDot}.
     */
    void tangent(double[] xDot, double[] thetaDot, double[] outDot);

    /**
     * The R-operator of {@link #backward} along (ẋ, θ̇) = ({@code xDot}, {@code thetaDot}) with cotangent
     * tangent {@code gOutDot}: writes the tangent of the parameter gradient into this layer's range of
     * {@code gradDot} and, when the arrays are not {@code null}, the input cotangent {@code gIn} (as
     * {@link #backward}) and its tangent {@code gInDot}.
     */
    void backwardTangent(double[] xDot, double[] thetaDot, double[] gOut, double[] gOutDot, double[] gradDot,
        double[] gIn, double[] gInDot);
  }
}
