package org.example.consumer;

import org.taskmet.core.conformance.FiniteDifferenceCheck;
import org.taskmet.core.conformance.ModelConformance;

/** Test code sees taskmet-core's conformance kits, as a plugin's own tests use them. */
final class ConsumerPluginCheck {
  private ConsumerPluginCheck() {}

  static ModelConformance kit(FiniteDifferenceCheck fd) {
    return new ModelConformance(fd);
  }
}
