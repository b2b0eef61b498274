package org.taskmet.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered, immutable list of instances that all share one {@link TaskShape}.
 *
 * @param name a label for logs and result files, e.g. {@code "cubic/train"}
 * @param instances the instances, in generation order (order matters for reproducibility)
 */
public record Dataset(String name, List<Instance> instances) {
  public Dataset {
    instances = List.copyOf(instances);
    if (!instances.isEmpty()) {
      Instance first = instances.get(0);
      for (int i = 1; i < instances.size(); i++) {
        Instance in = instances.get(i);
        if (in.features().cols() != first.features().cols() || in.targets().cols() != first.targets().cols()) {
          throw new IllegalArgumentException("dataset '" + name + "': instance " + i + " has features "
              + in.features().shape() + " / targets " + in.targets().shape() + ", instance 0 has "
              + first.features().shape() + " / " + first.targets().shape());
        }
      }
    }
  }

  public int size() {
    return instances.size();
  }

  public Instance get(int i) {
    return instances.get(i);
  }

  /** The instances at the given indices, in that order (repeats allowed). */
  public Dataset select(int[] indices) {
    List<Instance> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(instances.get(i));
    }
    return new Dataset(name, out);
  }

  /** Instances {@code [from, to)}. */
  public Dataset slice(int from, int to) {
    return new Dataset(name, instances.subList(from, to));
  }
}
