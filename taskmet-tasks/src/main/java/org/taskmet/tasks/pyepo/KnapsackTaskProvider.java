package org.taskmet.tasks.pyepo;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;

/** The {@code knapsack} task plugin: PyEPO's multi-dimensional 0/1 knapsack. */
@AutoService(PluginProvider.class)
public final class KnapsackTaskProvider implements PluginProvider<Task, KnapsackConfig> {
  @Override
  public String name() {
    return KnapsackTask.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.TASK;
  }

  @Override
  public String description() {
    return "PyEPO's multi-dimensional 0/1 knapsack: predict the item values from features, pack the best items";
  }

  @Override
  public Class<KnapsackConfig> configType() {
    return KnapsackConfig.class;
  }

  @Override
  public KnapsackConfig defaultConfig() {
    return KnapsackConfig.defaults();
  }

  @Override
  public Task create(KnapsackConfig config) {
    return new KnapsackTask(config);
  }
}
