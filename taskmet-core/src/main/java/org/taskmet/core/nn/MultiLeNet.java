package org.taskmet.core.nn;

/**
 * The shared trunk of MultiLeNet, the convolutional multi-task net of the MultiMNIST / MultiFashion benchmarks
 * in the Pareto-MTL line of work: conv 10@9×9 → 2×2 max pool → ReLU → conv 20@5×5 → 2×2 max pool → ReLU →
 * dense 50 → ReLU (on 1×36×36 images: 10×28×28, 10×14×14, 20×10×10, 20×5×5 = 500 features, then 50). The
 * reference applies ReLU before pooling; max pooling and ReLU commute, so pooling first gives the same
 * function and gradients at a quarter of the ReLU work. Each task adds its own linear head on the 50 features.
 */
public final class MultiLeNet {
  /** Width of the shared representation. */
  public static final int REPRESENTATION = 50;

  private MultiLeNet() {}

  /** The trunk for {@code input} images (at least 20×20), with PyTorch's default initialization. */
  public static LayerStack trunk(ImageShape input) {
    return trunk(input, REPRESENTATION);
  }

  /** The trunk with a shared representation of {@code representation} units. */
  public static LayerStack trunk(ImageShape input, int representation) {
    if (input.height() < 20 || input.width() < 20) {
      throw new IllegalArgumentException("MultiLeNet needs images of at least 20x20 (9x9 conv, 2x2 pool, 5x5 conv, "
          + "2x2 pool), got " + input);
    }
    return LayerStack.builder(input)
        .conv(10, 9).maxPool(2).activation(Activation.RELU)
        .conv(20, 5).maxPool(2).activation(Activation.RELU)
        .dense(representation).activation(Activation.RELU)
        .build(Initialization.pytorchDefault());
  }
}
