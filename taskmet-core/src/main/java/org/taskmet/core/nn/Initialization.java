package org.taskmet.core.nn;

import java.util.Locale;

/**
 * How a {@link Dense} layer's parameters are drawn.
 *
 * <ul>
 *   <li>{@link Scheme#PYTORCH_DEFAULT}: PyTorch's {@code nn.Linear} default, weights and biases uniform on
 *       ±1/√fan_in (kaiming-uniform with a = √5).</li>
 *   <li>{@link Scheme#ORTHOGONAL}: weights a (semi-)orthogonal matrix from the QR decomposition of a
 *       Gaussian matrix (signs fixed by diag R, as {@code torch.nn.init.orthogonal_}) times {@code gain}
 *       ({@code outputGain} for the last layer), biases zero.</li>
 * </ul>
 *
 * @param scheme which scheme
 * @param gain scale of the orthogonal hidden-layer weights (ignored by the PyTorch default)
 * @param outputGain scale of the orthogonal output-layer weights (ignored by the PyTorch default)
 */
public record Initialization(Scheme scheme, double gain, double outputGain) {
  /** The schemes. */
  public enum Scheme { PYTORCH_DEFAULT, ORTHOGONAL }

  public Initialization {
    if (scheme == null) {
      throw new IllegalArgumentException("initialization scheme must not be null");
    }
    if (!(gain > 0) || !Double.isFinite(gain) || !(outputGain > 0) || !Double.isFinite(outputGain)) {
      throw new IllegalArgumentException(
          "initialization gains must be finite and > 0, got gain=" + gain + " outputGain=" + outputGain);
    }
  }

  /** PyTorch's nn.Linear default. */
  public static Initialization pytorchDefault() {
    return new Initialization(Scheme.PYTORCH_DEFAULT, 1.0, 1.0);
  }

  /** Orthogonal weights scaled by {@code gain} (hidden layers) and {@code outputGain} (last layer), zero biases. */
  public static Initialization orthogonal(double gain, double outputGain) {
    return new Initialization(Scheme.ORTHOGONAL, gain, outputGain);
  }

  /** {@code "pytorch"} or {@code "orthogonal"}. */
  public static Initialization byName(String name, double gain, double outputGain) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "pytorch", "pytorch-default", "default" -> new Initialization(Scheme.PYTORCH_DEFAULT, gain, outputGain);
      case "orthogonal" -> orthogonal(gain, outputGain);
      default -> throw new IllegalArgumentException(
          "unknown init '" + name + "'; expected one of [pytorch, orthogonal]");
    };
  }
}
