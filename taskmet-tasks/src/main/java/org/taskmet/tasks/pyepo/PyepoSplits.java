package org.taskmet.tasks.pyepo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.core.method.ConfigChecks;

/**
 * PyEPO's samples as taskmet instances: one instance per sample, features 1×p, targets 1×d. PyEPO draws
 * {@code num_data + 1000} samples and holds 1000 out at random; the samples are i.i.d., so here the first
 * {@code train} samples are the training split, the next {@code validation} the validation split, the rest the
 * test split.
 */
final class PyepoSplits {
  private PyepoSplits() {}

  /** Checks the split sizes of a task's config, naming the plugin and the field. */
  static void checkSizes(String plugin, int numData, int numVal, int numTest) {
    ConfigChecks.atLeast(plugin, "num_data", numData, 1);
    ConfigChecks.atLeast(plugin, "num_val", numVal, 0);
    ConfigChecks.atLeast(plugin, "num_test", numTest, 1);
    if ((long) numData + numVal + numTest > 10_000_000) {
      throw new IllegalArgumentException(plugin + ": num_data + num_val + num_test = "
          + ((long) numData + numVal + numTest) + " is out of range; expected at most 10^7 samples");
    }
  }

  /** @param aux side data every instance carries (the knapsack's weights); empty for none */
  static DataSplits split(String task, double[][] x, double[][] c, Map<String, Matrix> aux, int train,
      int validation) {
    List<Instance> all = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      all.add(new Instance(new Matrix(1, x[i].length, x[i]), new Matrix(1, c[i].length, c[i]), aux));
    }
    return new DataSplits(new Dataset(task + "/train", all.subList(0, train)),
        new Dataset(task + "/validation", all.subList(train, train + validation)),
        new Dataset(task + "/test", all.subList(train + validation, all.size())));
  }
}
