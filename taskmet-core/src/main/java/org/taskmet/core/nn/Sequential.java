package org.taskmet.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * A feed-forward network of {@link Dense} layers, each followed by an {@link Activation}: the MLP and the
 * linear model (one dense layer). Rows are independent items sharing the weights.
 *
 * <p>Parameters are one flat vector, layer after layer, each as W (out×in, row-major) then b, the order
 * of PyTorch's {@code nn.Sequential(Linear, act, Linear, …).parameters()}.
 *
 * <p>All products are exact: {@link #vjp} (backprop), {@link #jvp} (forward tangent propagation) and
 * {@link #vjpTangent} (Pearlmutter's R-operator of backprop, one tangent sweep then one reverse sweep
 * carrying the cotangent and its tangent). A {@link ForwardPass} from {@link #forward} keeps the
 * activations, the weight copies, the activation derivatives (computed on first use) and scratch
 * buffers, so repeated products at one point (conjugate-gradient iterations) reuse them and allocate only
 * their results. A pass is therefore not safe for concurrent use by several threads; {@link #inference} gives
 * an evaluator at fixed parameters that is.
 */
public final class Sequential implements Model {
  private static final DenseKernels K = Kernels.get();

  private final List<Dense> layers;
  private final List<Activation> activations;
  private final Initialization init;
  private final int parameterCount;

  /**
   * @param widths layer widths, input first and output last (length ≥ 2)
   * @param activations one per dense layer (length {@code widths.length − 1})
   * @param init how {@link #initialParameters} draws parameters
   */
  public Sequential(int[] widths, List<Activation> activations, Initialization init) {
    if (widths.length < 2 || activations.size() != widths.length - 1) {
      throw new IllegalArgumentException("a sequential model needs >= 2 widths and one activation per layer, got "
          + widths.length + " widths and " + activations.size() + " activations");
    }
    List<Dense> ls = new ArrayList<>();
    int offset = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      Dense d = new Dense(widths[l], widths[l + 1], offset);
      offset = Math.addExact(offset, d.parameterCount());
      ls.add(d);
    }
    this.layers = List.copyOf(ls);
    this.activations = List.copyOf(activations);
    this.init = init;
    this.parameterCount = offset;
  }

  /**
   * An MLP: {@code hiddenLayers} hidden layers of {@code hiddenUnits} units with activation {@code hidden},
   * then a dense output layer with {@code output} activation. {@code hiddenLayers == 0} is a linear model
   * (plus the output activation).
   */
  public static Sequential mlp(int inputs, int outputs, int hiddenLayers, int hiddenUnits, Activation hidden,
      Activation output, Initialization init) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("model sizes must be >= 1, got inputs=" + inputs + " outputs=" + outputs);
    }
    if (hiddenLayers < 0 || (hiddenLayers > 0 && hiddenUnits < 1)) {
      throw new IllegalArgumentException("hiddenLayers must be >= 0 and hiddenUnits >= 1, got hiddenLayers="
          + hiddenLayers + " hiddenUnits=" + hiddenUnits);
    }
    int[] widths = new int[hiddenLayers + 2];
    widths[0] = inputs;
    List<Activation> acts = new ArrayList<>();
    for (int l = 1; l <= hiddenLayers; l++) {
      widths[l] = hiddenUnits;
      acts.add(hidden);
    }
    widths[hiddenLayers + 1] = outputs;
    acts.add(output);
    return new Sequential(widths, acts, init);
  }

  /** The linear model x ↦ W x + b with PyTorch's default initialization. */
  public static Sequential linear(int inputs, int outputs) {
    return mlp(inputs, outputs, 0, 0, Activation.IDENTITY, Activation.IDENTITY, Initialization.pytorchDefault());
  }

  /** The dense layers, input first. */
  public List<Dense> layers() {
    return layers;
  }

  /** The activation after each dense layer. */
  public List<Activation> activations() {
    return activations;
  }

  @Override
  public int inputSize() {
    return layers.get(0).inputSize();
  }

  @Override
  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  @Override
  public int parameterCount() {
    return parameterCount;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] theta = new double[parameterCount];
    for (int l = 0; l < layers.size(); l++) {
      layers.get(l).initialize(theta, rng, init, l == layers.size() - 1);
    }
    return theta;
  }

  @Override
  public Pass forward(double[] parameters, Matrix input) {
    return forward(parameters, input, null);
  }

  /**
   * Reuses the activation, derivative and scratch storage of {@code recycled} when it is a live pass of this
   * model on the same number of rows; {@code recycled} is then invalid (its methods throw).
   */
  @Override
  public Pass forward(double[] parameters, Matrix input, ForwardPass recycled) {
    ModelArguments.requireVector("parameters", parameters, parameterCount);
    ModelArguments.requireInput(input, inputSize(), "shape " + input.shape());
    Pass old = recycled instanceof Pass p && p.owner() == this && p.a != null && p.rows == input.rows() ? p : null;
    return new Pass(parameters, input, old);
  }

  /**
   * This model at fixed parameters, for inference only (no products): see {@link Inference}.
   *
   * @param parameters copied, so later changes to the array do not reach the result
   */
  public Inference inference(double[] parameters) {
    ModelArguments.requireVector("parameters", parameters, parameterCount);
    return new Inference(parameters.clone());
  }

  private Dense.Weights[] loadWeights(double[] theta) {
    Dense.Weights[] w = new Dense.Weights[layers.size()];
    for (int l = 0; l < w.length; l++) {
      w[l] = layers.get(l).newWeights();
      w[l].load(theta);
    }
    return w;
  }

  private double[][] newActivations(int rows) {
    double[][] a = new double[layers.size()][];
    for (int l = 0; l < a.length; l++) {
      a[l] = new double[rows * layers.get(l).outputSize()];
    }
    return a;
  }

  /** The forward sweep shared by {@link Pass} and {@link Inference}: a[l] = σ_l(a[l−1] W_lᵀ + b_l), a[−1] = x. */
  private void forwardLayers(int rows, double[] x, Dense.Weights[] w, double[] theta, double[][] a,
      Dense.Workspace workspace) {
    for (int l = 0; l < layers.size(); l++) {
      Activation act = activations.get(l);
      boolean fused = act == Activation.RELU;
      layers.get(l).forward(rows, x, w[l], theta, a[l], workspace, fused);
      if (!fused) {
        act.apply(a[l], a[l], a[l].length);
      }
      x = a[l];
    }
  }

  @Override
  public double[] vjp(ForwardPass forwardPass, Matrix outputCotangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireOutputShaped("output cotangent", outputCotangent, pass.rows, outputSize());
    double[] grad = new double[parameterCount];
    pass.ensureDerivatives();
    Scratch s = pass.scratch();
    s.ensureReverseBuffers();
    double[] g = outputCotangent.data();
    int rows = pass.rows;
    for (int l = layers.size() - 1; l >= 0; l--) {
      Dense d = layers.get(l);
      double[] gz = g;
      if (activations.get(l) != Activation.IDENTITY) {
        gz = s.gz[l];
        pass.gate(l, g, gz);
      }
      double[] gx = l > 0 ? s.ga[l - 1] : null;
      d.vjp(rows, pass.layerInput(l), pass.w[l], gz, grad, s.wScratch[l], gx, pass.workspace);
      g = gx;
    }
    return grad;
  }

  /**
   * The input cotangent ∂⟨g, output⟩/∂input (rows × inputs): backprop to the input without the weight
   * gradients, e.g. the gradient of a value network with respect to a predicted state it is evaluated on.
   */
  public Matrix inputVjp(ForwardPass forwardPass, Matrix outputCotangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireOutputShaped("output cotangent", outputCotangent, pass.rows, outputSize());
    Backprop bp = pass.backprop(outputCotangent.data());
    double[] gx = new double[pass.rows * inputSize()];
    layers.get(0).inputCotangent(pass.rows, pass.w[0], bp.preActivation[0], gx, pass.workspace);
    return new Matrix(pass.rows, inputSize(), gx);
  }

  @Override
  public Matrix jvp(ForwardPass forwardPass, double[] parameterTangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireVector("parameter tangent", parameterTangent, parameterCount);
    double[] out = pass.propagateTangent(parameterTangent);
    return new Matrix(pass.rows, outputSize(), out.clone());
  }

  @Override
  public double[] vjpTangent(ForwardPass forwardPass, double[] parameterTangent, Matrix outputCotangent,
      Matrix outputCotangentTangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireVector("parameter tangent", parameterTangent, parameterCount);
    ModelArguments.requireOutputShaped("output cotangent", outputCotangent, pass.rows, outputSize());
    ModelArguments.requireOutputShaped("output cotangent tangent", outputCotangentTangent, pass.rows, outputSize());
    pass.propagateTangent(parameterTangent);
    Scratch s = pass.scratch();
    s.ensureReverseBuffers();
    s.ensureReverseTangentBuffers();
    Backprop bp = pass.backprop(outputCotangent.data());
    double[] gradDot = new double[parameterCount];
    double[] gDot = outputCotangentTangent.data();
    int rows = pass.rows;
    for (int l = layers.size() - 1; l >= 0; l--) {
      Dense d = layers.get(l);
      Activation act = activations.get(l);
      double[] g = bp.atOutput[l];
      double[] gz = bp.preActivation[l];
      double[] gzDot = gDot;
      if (act != Activation.IDENTITY) {
        gzDot = s.gzDot[l];
        int n = rows * d.outputSize();
        if (act.piecewiseLinear()) {
          pass.gate(l, gDot, gzDot);
        } else {
          double[] d1 = pass.d1[l];
          double[] d2 = pass.d2[l];
          double[] zDot = s.zDot[l];
          for (int i = 0; i < n; i++) {
            gzDot[i] = gDot[i] * d1[i] + g[i] * d2[i] * zDot[i];
          }
        }
      }
      double[] xDot = l > 0 ? s.aDot[l - 1] : null;
      double[] gxDot = l > 0 ? s.gaDot[l - 1] : null;
      d.vjpTangent(rows, pass.layerInput(l), xDot, pass.w[l], s.wDot[l], gz, gzDot, gradDot, s.wScratch[l], gxDot,
          pass.workspace);
      gDot = gxDot;
    }
    return gradDot;
  }

  private Pass own(ForwardPass pass) {
    if (pass instanceof Pass p && p.owner() == this) {
      p.checkLive();
      return p;
    }
    throw new IllegalArgumentException("forward pass was not made by this model (" + describe() + ")");
  }

  private static void multiply(double[] a, double[] b, double[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = a[i] * b[i];
    }
  }

  /** e.g. {@code "10-relu-500-relu-10"}. */
  public String describe() {
    StringBuilder sb = new StringBuilder().append(inputSize());
    for (int l = 0; l < layers.size(); l++) {
      sb.append('-').append(layers.get(l).outputSize());
      if (activations.get(l) != Activation.IDENTITY) {
        sb.append('-').append(activations.get(l).label());
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Sequential[" + describe() + "]";
  }

  /**
   * Reusable per-pass buffers, each group made by the first product that needs it: the reverse ones by a VJP,
   * the tangent ones by a JVP, the reverse-tangent ones by an R-operator product (a plain gradient step never
   * pays for tangents, and a mixed product, a JVP only, never for reverse buffers: at 500 rows × 500 units
   * each buffer is 2 MB).
   */
  private final class Scratch {
    final int rows;
    double[][] ga;
    double[][] gz;
    double[][] wScratch;
    double[][] gaDot;
    double[][] gzDot;
    double[][] zDot;
    double[][] aDot;
    Dense.Weights[] wDot;
    /** The direction the tangent buffers hold, when {@code tangentValid}. */
    double[] tangentOf;
    boolean tangentValid;

    Scratch(int rows) {
      this.rows = rows;
    }

    private int width(int l) {
      return rows * layers.get(l).outputSize();
    }

    /** One rows × width buffer per layer but the output layer: the cotangent of its output, from the layer above. */
    private double[][] cotangentBuffers() {
      double[][] b = new double[layers.size()][];
      for (int l = 0; l + 1 < layers.size(); l++) {
        b[l] = new double[width(l)];
      }
      return b;
    }

    /** One rows × width buffer per layer whose activation gates the cotangent (not the identity). */
    private double[][] gateBuffers() {
      double[][] b = new double[layers.size()][];
      for (int l = 0; l < layers.size(); l++) {
        if (activations.get(l) != Activation.IDENTITY) {
          b[l] = new double[width(l)];
        }
      }
      return b;
    }

    void ensureReverseBuffers() {
      if (ga != null) {
        return;
      }
      gz = gateBuffers();
      wScratch = new double[layers.size()][];
      for (int l = 0; l < layers.size(); l++) {
        wScratch[l] = new double[layers.get(l).outputSize() * layers.get(l).inputSize()];
      }
      ga = cotangentBuffers();
    }

    void ensureTangentBuffers() {
      if (zDot != null) {
        return;
      }
      int count = layers.size();
      double[][] z = new double[count][];
      aDot = new double[count][];
      wDot = new Dense.Weights[count];
      tangentOf = new double[parameterCount];
      for (int l = 0; l < count; l++) {
        z[l] = new double[width(l)];
        aDot[l] = activations.get(l) == Activation.IDENTITY ? z[l] : new double[width(l)];
        wDot[l] = layers.get(l).newWeights();
      }
      zDot = z;
    }

    void ensureReverseTangentBuffers() {
      if (gaDot != null) {
        return;
      }
      gzDot = gateBuffers();
      gaDot = cotangentBuffers();
    }
  }

  /**
   * One output cotangent backpropagated through every layer (no weight gradients): what the R-operator of backprop
   * needs besides the tangents. It depends on the cotangent only, so CG iterations, which apply Hessian-vector
   * products with one cotangent and many tangents, compute it once.
   */
  private final class Backprop {
    /** A copy of the output cotangent these belong to. */
    final double[] of;
    /** g_l: the cotangent of layer l's output (after its activation). */
    final double[][] atOutput;
    /** g_l ⊙ σ'(z_l): the cotangent of layer l's pre-activation (the same array for the identity). */
    final double[][] preActivation;

    Backprop(Pass pass, double[] g) {
      int count = layers.size();
      of = g.clone();
      atOutput = new double[count][];
      preActivation = new double[count][];
      atOutput[count - 1] = of;
      for (int l = count - 1; l >= 0; l--) {
        Dense d = layers.get(l);
        if (activations.get(l) == Activation.IDENTITY) {
          preActivation[l] = atOutput[l];
        } else {
          preActivation[l] = new double[atOutput[l].length];
          pass.gate(l, atOutput[l], preActivation[l]);
        }
        if (l > 0) {
          atOutput[l - 1] = new double[pass.rows * d.inputSize()];
          d.inputCotangent(pass.rows, pass.w[l], preActivation[l], atOutput[l - 1], pass.workspace);
        }
      }
    }
  }

  /** The forward pass of a {@link Sequential}: activations, weight copies and lazily built derivatives. */
  public final class Pass implements ForwardPass {
    private final double[] theta;
    private final Matrix input;
    private final int rows;
    private Dense.Weights[] w;
    private Dense.Workspace workspace;
    /** Activations per layer; null once a later forward recycled this pass. */
    private double[][] a;
    private final Matrix output;
    private double[][] d1;
    private double[][] d2;
    private boolean derivativesReady;
    private Scratch scratch;
    private Backprop backprop;

    private Pass(double[] theta, Matrix input, Pass recycled) {
      this.theta = theta;
      this.input = input;
      this.rows = input.rows();
      int n = layers.size();
      if (recycled != null) {
        // take over the storage; derivatives and tangents are recomputed on demand
        w = recycled.w;
        for (Dense.Weights weights : w) {
          weights.load(theta);
        }
        workspace = recycled.workspace;
        a = recycled.a;
        d1 = recycled.d1;
        d2 = recycled.d2;
        scratch = recycled.scratch;
        if (scratch != null) {
          scratch.tangentValid = false;
        }
        recycled.a = null;
      } else {
        w = loadWeights(theta);
        workspace = new Dense.Workspace();
        a = newActivations(rows);
      }
      forwardLayers(rows, input.data(), w, theta, a, workspace);
      output = new Matrix(rows, outputSize(), a[n - 1]);
    }

    /** Throws once a later forward took this pass's storage. */
    private void checkLive() {
      if (a == null) {
        throw new IllegalStateException("this forward pass was recycled by a later forward(..., recycled) call");
      }
    }

    Sequential owner() {
      return Sequential.this;
    }

    @Override
    public double[] parameters() {
      return theta;
    }

    @Override
    public Matrix input() {
      return input;
    }

    /** The output rows; a view of the pass's storage (do not modify). */
    @Override
    public Matrix output() {
      checkLive();
      return output;
    }

    /** The post-activation values of layer l (rows × width), a view (do not modify). */
    public double[] activation(int l) {
      checkLive();
      return a[l];
    }

    private double[] layerInput(int l) {
      return l == 0 ? input.data() : a[l - 1];
    }

    /** The backpropagated cotangents of {@code g}, reused while the same values are passed again. */
    private Backprop backprop(double[] g) {
      if (backprop == null || !Arrays.equals(backprop.of, g)) {
        ensureDerivatives();
        backprop = new Backprop(this, g);
      }
      return backprop;
    }

    private Scratch scratch() {
      if (scratch == null) {
        scratch = new Scratch(rows);
      }
      return scratch;
    }

    private void ensureDerivatives() {
      checkLive();
      if (derivativesReady) {
        return;
      }
      int n = layers.size();
      if (d1 == null) {
        d1 = new double[n][];
        d2 = new double[n][];
      }
      for (int l = 0; l < n; l++) {
        Activation act = activations.get(l);
        if (act == Activation.IDENTITY || act == Activation.RELU) {
          continue; // the ReLU's derivative is read off its output by gate()
        }
        if (d1[l] == null) {
          d1[l] = new double[a[l].length];
        }
        act.firstDerivative(a[l], d1[l], a[l].length);
        if (!act.piecewiseLinear()) {
          if (d2[l] == null) {
            d2[l] = new double[a[l].length];
          }
          act.secondDerivative(a[l], d2[l], a[l].length);
        }
      }
      derivativesReady = true;
    }

    /** out = v ⊙ σ'(z_l) for a non-identity layer l (the ReLU's without a stored derivative array). */
    private void gate(int l, double[] v, double[] out) {
      if (activations.get(l) == Activation.RELU) {
        K.reluGate(a[l].length, a[l], v, out);
      } else {
        multiply(v, d1[l], out, a[l].length);
      }
    }

    /**
     * Fills the scratch tangents ż_l, ȧ_l along θ̇ and returns ȧ of the output layer (scratch storage).
     * An HVP calls {@link #jvp} and then {@link #vjpTangent} with the same direction: the second call finds
     * the tangents of the first in the scratch and skips the sweep.
     */
    private double[] propagateTangent(double[] thetaDot) {
      ensureDerivatives();
      Scratch s = scratch();
      s.ensureTangentBuffers();
      if (s.tangentValid && Arrays.equals(s.tangentOf, thetaDot)) {
        return s.aDot[layers.size() - 1];
      }
      System.arraycopy(thetaDot, 0, s.tangentOf, 0, parameterCount);
      s.tangentValid = false;
      double[] xDot = null;
      for (int l = 0; l < layers.size(); l++) {
        Dense d = layers.get(l);
        s.wDot[l].load(s.tangentOf);
        d.jvp(rows, layerInput(l), xDot, w[l], s.wDot[l], s.tangentOf, s.zDot[l], workspace);
        if (activations.get(l) != Activation.IDENTITY) {
          gate(l, s.zDot[l], s.aDot[l]);
        }
        xDot = s.aDot[l];
      }
      s.tangentValid = true;
      return xDot;
    }
  }

  /**
   * A {@link Sequential} at fixed parameters, for inference only: the weights are copied once, in every
   * orientation the forward sweep reads, so the object is never written after construction and may be shared
   * between threads. Each thread brings its own {@link Buffers}; a prediction then allocates nothing. Outputs
   * are bit-identical to {@link #forward} (the same sweep on the same copies).
   */
  public final class Inference {
    private final double[] theta;
    private final Dense.Weights[] w;

    private Inference(double[] theta) {
      this.theta = theta;
      this.w = loadWeights(theta);
      for (Dense.Weights weights : w) {
        weights.wt(); // formed now: a lazily formed copy would be a write shared between threads
      }
    }

    /** Working storage for inputs of {@code rows} rows, for one thread at a time. */
    public Buffers newBuffers(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("inference buffers need rows >= 1, got " + rows);
      }
      return new Buffers(Sequential.this, rows, newActivations(rows));
    }

    /**
     * The output rows (rows × outputs, row-major) for {@code input}: a view of {@code buffers}, valid until
     * their next use.
     *
     * @throws IllegalArgumentException when the input's shape does not match the model and the buffers, or it
     *     holds a non-finite value
     */
    public double[] predict(Matrix input, Buffers buffers) {
      ModelArguments.requireInput(input, inputSize(), "one row per item"); // a constant: no allocation per call
      if (buffers.owner != Sequential.this) {
        throw new IllegalArgumentException("inference buffers were made for model " + buffers.owner.describe()
            + ", not " + describe());
      }
      if (input.rows() != buffers.rows) {
        throw new IllegalArgumentException("model input has " + input.rows() + " rows, the buffers hold "
            + buffers.rows);
      }
      forwardLayers(buffers.rows, input.data(), w, theta, buffers.activations, buffers.workspace);
      return buffers.activations[layers.size() - 1];
    }
  }

  /** Per-thread working storage of an {@link Inference}: the activations of every layer. */
  public static final class Buffers {
    private final Sequential owner;
    private final int rows;
    private final double[][] activations;
    private final Dense.Workspace workspace = new Dense.Workspace();

    private Buffers(Sequential owner, int rows, double[][] activations) {
      this.owner = owner;
      this.rows = rows;
      this.activations = activations;
    }

    /** The number of input rows these buffers hold. */
    public int rows() {
      return rows;
    }
  }
}
