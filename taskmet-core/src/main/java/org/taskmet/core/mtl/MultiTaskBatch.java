package org.taskmet.core.mtl;

import java.util.List;
import org.taskmet.api.Matrix;

/**
 * One minibatch for K tasks: either one input shared by all tasks (one trunk forward pass serves every
 * task, e.g. MultiFashion) or one input per task (each task draws its own rows, e.g. the DRO stress
 * test). Targets are always per task.
 */
public final class MultiTaskBatch {
  private final Matrix sharedInput;
  private final List<Matrix> inputs;
  private final List<Matrix> targets;

  private MultiTaskBatch(Matrix sharedInput, List<Matrix> inputs, List<Matrix> targets) {
    this.sharedInput = sharedInput;
    this.inputs = inputs;
    this.targets = List.copyOf(targets);
  }

  /** All tasks see the same input rows; {@code targets.get(k)} has one row per input row. */
  public static MultiTaskBatch shared(Matrix input, List<Matrix> targets) {
    for (int k = 0; k < targets.size(); k++) {
      if (targets.get(k).rows() != input.rows()) {
        throw new IllegalArgumentException("targets of task " + k + " have " + targets.get(k).rows()
            + " rows but the shared input has " + input.rows());
      }
    }
    return new MultiTaskBatch(input, null, targets);
  }

  /** Task k sees {@code inputs.get(k)} with {@code targets.get(k)}. */
  public static MultiTaskBatch perTask(List<Matrix> inputs, List<Matrix> targets) {
    if (inputs.size() != targets.size()) {
      throw new IllegalArgumentException(inputs.size() + " task inputs but " + targets.size() + " task targets");
    }
    for (int k = 0; k < targets.size(); k++) {
      if (targets.get(k).rows() != inputs.get(k).rows()) {
        throw new IllegalArgumentException("targets of task " + k + " have " + targets.get(k).rows()
            + " rows but its input has " + inputs.get(k).rows());
      }
    }
    return new MultiTaskBatch(null, List.copyOf(inputs), targets);
  }

  public int taskCount() {
    return targets.size();
  }

  /** True when one input serves all tasks. */
  public boolean isShared() {
    return sharedInput != null;
  }

  /** The input rows of task k. */
  public Matrix input(int k) {
    return sharedInput != null ? sharedInput : inputs.get(k);
  }

  public Matrix targets(int k) {
    return targets.get(k);
  }
}
