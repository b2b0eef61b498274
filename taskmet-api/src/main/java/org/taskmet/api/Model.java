package org.taskmet.api;

import java.util.random.RandomGenerator;

/**
 * A predictor f_θ applied row-wise: input rows (items × inputs) to prediction rows (items × outputs),
 * with a flat parameter vector θ. The model object holds no parameters; they are passed in, so one
 * model serves many parameter vectors (inner loops, finite differences, checkpoints).
 *
 * <p>Products, with J = ∂vec(output)/∂θ at the forward point:
 * <ul>
 *   <li>{@link #vjp}: Jᵀ g (reverse mode),</li>
 *   <li>{@link #jvp}: J v (forward mode),</li>
 *   <li>{@link #vjpTangent}: the directional derivative of θ ↦ J(θ)ᵀ g(θ) along v, i.e.
 *       Jᵀ ġ + (∂_v Jᵀ) g: the R-operator of the VJP. A loss ℓ(f_θ(X)) gets its exact Hessian-vector
 *       product as {@code vjpTangent(pass, v, ∇ℓ, ∇²ℓ·Jv)}.</li>
 * </ul>
 * The default {@link #vjpTangent} is a central difference of VJPs (accurate to about 1e-6 relative);
 * built-in models override it with the exact product.
 */
public interface Model {
  int inputSize();

  int outputSize();

  int parameterCount();

  /** Fresh parameters from {@code rng} (PyTorch's nn.Linear default unless the model says otherwise). */
  double[] initialParameters(RandomGenerator rng);

  /** Evaluates the model on {@code input} rows. */
  ForwardPass forward(double[] parameters, Matrix input);

  /**
   * {@link #forward}, allowed to take over the storage of {@code recycled}, an earlier pass of this model that
   * the caller will not use again (nor its output). Training loops pass their previous step's pass, so a
   * model with large activations does not allocate them every step. Using {@code recycled} afterwards is an
   * error the model may report. Default: a plain {@link #forward}.
   *
   * @param recycled an earlier pass of this model, or null
   */
  default ForwardPass forward(double[] parameters, Matrix input, ForwardPass recycled) {
    return forward(parameters, input);
  }

  /** Jᵀ g: the parameter gradient of ⟨g, output⟩, length {@link #parameterCount()}. */
  double[] vjp(ForwardPass pass, Matrix outputCotangent);

  /** J v: the output tangent along parameter direction v, shaped like the output. */
  Matrix jvp(ForwardPass pass, double[] parameterTangent);

  /** d/dε [J(θ+εv)ᵀ (g + ε ġ)] at ε = 0. See the class comment. */
  default double[] vjpTangent(
      ForwardPass pass, double[] parameterTangent, Matrix outputCotangent, Matrix outputCotangentTangent) {
    return FiniteDifferenceFallback.vjpTangent(this, pass, parameterTangent, outputCotangent, outputCotangentTangent);
  }

  /** Builds a model for a task's sizes; this is what a model plugin provides. */
  interface Factory {
    Model create(int inputSize, int outputSize);
  }
}
