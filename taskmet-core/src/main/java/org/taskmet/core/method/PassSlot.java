package org.taskmet.core.method;

import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;

/**
 * The previous forward pass of one loop, so the next forward recycles its storage (see
 * {@link Model#forward(double[], Matrix, ForwardPass)}): a training step on a 10,000-row batch through a
 * 500-unit layer otherwise allocates 40 MB per activation array. A pass from {@link #forward} is valid until
 * the next call.
 */
final class PassSlot {
  private ForwardPass last;

  ForwardPass forward(Model model, double[] theta, Matrix input) {
    last = model.forward(theta, input, last);
    return last;
  }
}
