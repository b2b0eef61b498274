package org.example.consumer;

import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.ModelConformance;

/** Test code sees the conformance kit (taskmet-conformance), as a plugin's own tests use it. */
final class ConsumerPluginCheck {
  private ConsumerPluginCheck() {}

  static ModelConformance kit(FiniteDifferenceCheck fd) {
    return new ModelConformance(fd);
  }
}
