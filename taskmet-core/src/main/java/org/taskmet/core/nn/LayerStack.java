package org.taskmet.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;

/**
 * A feed-forward model made of {@link Layer}s applied one after the other — convolutions, max pooling, dense
 * layers and activations — with exact reverse, forward and second-order products (the products of each layer,
 * chained). Rows are independent items (images, flattened channel-major); dense layers read the previous
 * layer's whole row, so flattening is implicit.
 *
 * <p>Parameters are one flat vector, layer after layer, each in PyTorch's layout (conv W as out × in × kh × kw,
 * then b), so a stack and the matching {@code nn.Sequential} have the same parameter order.
 *
 * <pre>{@code
 * LayerStack trunk = LayerStack.builder(new ImageShape(1, 36, 36))
 *     .conv(10, 9).maxPool(2).activation(Activation.RELU)
 *     .conv(20, 5).maxPool(2).activation(Activation.RELU)
 *     .dense(50).activation(Activation.RELU)
 *     .build(Initialization.pytorchDefault());
 * }</pre>
 */
public final class LayerStack implements Model {
  private final ImageShape inputShape;
  private final List<Layer> layers;
  private final Initialization init;
  private final int parameterCount;

  private LayerStack(ImageShape inputShape, List<Layer> layers, Initialization init, int parameterCount) {
    this.inputShape = inputShape;
    this.layers = List.copyOf(layers);
    this.init = init;
    this.parameterCount = parameterCount;
  }

  /** A builder for a stack whose input rows have {@code input}'s shape. */
  public static Builder builder(ImageShape input) {
    return new Builder(input);
  }

  public ImageShape inputShape() {
    return inputShape;
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public int inputSize() {
    return inputShape.size();
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
    for (Layer l : layers) {
      l.initialize(theta, rng, init);
    }
    return theta;
  }

  @Override
  public Pass forward(double[] parameters, Matrix input) {
    ModelArguments.requireVector("parameters of " + describe(), parameters, parameterCount);
    ModelArguments.requireInput(input, inputSize(), "one " + inputShape + " image per row, for " + describe());
    return new Pass(parameters, input);
  }

  @Override
  public double[] vjp(ForwardPass forwardPass, Matrix outputCotangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireOutputShaped("output cotangent", outputCotangent, pass.rows, outputSize());
    double[] grad = new double[parameterCount];
    double[] g = outputCotangent.data();
    for (int l = layers.size() - 1; l >= 0; l--) {
      double[] gIn = l > pass.firstTrainable ? new double[pass.rows * layers.get(l).inputSize()] : null;
      pass.layerPasses[l].backward(g, grad, gIn);
      g = gIn;
    }
    return grad;
  }

  @Override
  public Matrix jvp(ForwardPass forwardPass, double[] parameterTangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireVector("parameter tangent", parameterTangent, parameterCount);
    double[][] xDots = pass.inputTangents(parameterTangent);
    double[] out = new double[pass.rows * outputSize()];
    pass.layerPasses[layers.size() - 1].tangent(xDots[layers.size() - 1], parameterTangent, out);
    return new Matrix(pass.rows, outputSize(), out);
  }

  @Override
  public double[] vjpTangent(ForwardPass forwardPass, double[] parameterTangent, Matrix outputCotangent,
      Matrix outputCotangentTangent) {
    Pass pass = own(forwardPass);
    ModelArguments.requireVector("parameter tangent", parameterTangent, parameterCount);
    ModelArguments.requireOutputShaped("output cotangent", outputCotangent, pass.rows, outputSize());
    ModelArguments.requireOutputShaped("output cotangent tangent", outputCotangentTangent, pass.rows, outputSize());
    double[][] xDots = pass.inputTangents(parameterTangent);
    double[] gradDot = new double[parameterCount];
    double[] g = outputCotangent.data();
    double[] gDot = outputCotangentTangent.data();
    for (int l = layers.size() - 1; l >= 0; l--) {
      boolean below = l > pass.firstTrainable;
      int n = pass.rows * layers.get(l).inputSize();
      double[] gIn = below ? new double[n] : null;
      double[] gInDot = below ? new double[n] : null;
      pass.layerPasses[l].backwardTangent(xDots[l], parameterTangent, g, gDot, gradDot, gIn, gInDot);
      g = gIn;
      gDot = gInDot;
    }
    return gradDot;
  }

  private Pass own(ForwardPass pass) {
    if (pass instanceof Pass p && p.owner() == this) {
      return p;
    }
    throw new IllegalArgumentException("forward pass was not made by this model (" + describe() + ")");
  }

  /** e.g. {@code "1x36x36-conv10k9-maxpool2-relu-conv20k5-maxpool2-relu-dense50-relu"}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(inputShape.toString());
    for (Layer l : layers) {
      sb.append('-').append(l.describe());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "LayerStack[" + describe() + "]";
  }

  /** The stack at one point: every layer's pass, in order. */
  public final class Pass implements ForwardPass {
    private final double[] theta;
    private final Matrix input;
    private final int rows;
    private final Layer.Pass[] layerPasses;
    private final Matrix output;
    /** The first layer with parameters: no input cotangent is needed below it. */
    private final int firstTrainable;

    private Pass(double[] theta, Matrix input) {
      this.theta = theta;
      this.input = input;
      this.rows = input.rows();
      this.layerPasses = new Layer.Pass[layers.size()];
      double[] x = input.data();
      int first = layers.size();
      for (int l = 0; l < layers.size(); l++) {
        layerPasses[l] = layers.get(l).forward(theta, rows, x);
        x = layerPasses[l].output();
        if (first == layers.size() && layers.get(l).parameterCount() > 0) {
          first = l;
        }
      }
      this.firstTrainable = first;
      this.output = new Matrix(rows, outputSize(), x);
    }

    LayerStack owner() {
      return LayerStack.this;
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
      return output;
    }

    /** The output of layer l (rows × its output size), a view (do not modify). */
    public double[] layerOutput(int l) {
      return layerPasses[l].output();
    }

    /** ẋ_l, the input tangent of every layer along θ̇ ({@code null} while no parameter has been crossed). */
    private double[][] inputTangents(double[] thetaDot) {
      double[][] xDots = new double[layers.size()][];
      double[] xDot = null;
      for (int l = 0; l + 1 < layers.size(); l++) {
        xDots[l] = xDot;
        if (xDot == null && l < firstTrainable) {
          continue;
        }
        double[] next = new double[rows * layers.get(l).outputSize()];
        layerPasses[l].tangent(xDot, thetaDot, next);
        xDot = next;
      }
      xDots[layers.size() - 1] = xDot;
      return xDots;
    }
  }

  /** Builds a stack layer by layer, tracking the shape of the rows and the parameter offsets. */
  public static final class Builder {
    private final ImageShape input;
    private final List<Layer> layers = new ArrayList<>();
    private ImageShape shape;
    private int offset;

    private Builder(ImageShape input) {
      this.input = input;
      this.shape = input;
    }

    /** The shape of the rows after the layers added so far. */
    public ImageShape shape() {
      return shape;
    }

    /** A k×k convolution with stride 1 and no padding. */
    public Builder conv(int outChannels, int kernel) {
      return conv(outChannels, kernel, 1, 0);
    }

    /** A k×k convolution with the given stride and zero padding. */
    public Builder conv(int outChannels, int kernel, int stride, int padding) {
      Conv2d c = new Conv2d(shape, outChannels, kernel, kernel, stride, padding, offset);
      return add(c, c.outputShape());
    }

    /** k×k max pooling with stride k. */
    public Builder maxPool(int kernel) {
      return maxPool(kernel, kernel);
    }

    public Builder maxPool(int kernel, int stride) {
      MaxPool2d p = new MaxPool2d(shape, kernel, stride);
      return add(p, p.outputShape());
    }

    /** A dense layer on the whole (flattened) row. */
    public Builder dense(int units) {
      return add(new DenseLayer(new Dense(shape.size(), units, offset), false), ImageShape.vector(units));
    }

    /** A dense layer that the orthogonal initialization treats as the output layer (its output gain). */
    public Builder denseOutput(int units) {
      return add(new DenseLayer(new Dense(shape.size(), units, offset), true), ImageShape.vector(units));
    }

    public Builder activation(Activation activation) {
      return add(new ActivationLayer(activation, shape.size()), shape);
    }

    private Builder add(Layer layer, ImageShape next) {
      layers.add(layer);
      offset = Math.addExact(offset, layer.parameterCount());
      shape = next;
      return this;
    }

    public LayerStack build(Initialization init) {
      if (layers.isEmpty()) {
        throw new IllegalArgumentException("a layer stack needs at least one layer");
      }
      return new LayerStack(input, layers, init, offset);
    }
  }
}
