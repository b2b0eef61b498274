package org.taskmet.solvers.pto;

import org.taskmet.api.Instance;
import org.taskmet.api.LinearOracle;

/** An oracle that counts its calls (single-threaded training: a plain counter), for the per-epoch cost report. */
final class CountingOracle implements LinearOracle {
  private final LinearOracle delegate;
  private long calls;

  CountingOracle(LinearOracle delegate) {
    this.delegate = delegate;
  }

  long calls() {
    return calls;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int dimension(Instance instance) {
    return delegate.dimension(instance);
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    calls++;
    delegate.argmax(c, instance, out);
  }
}
