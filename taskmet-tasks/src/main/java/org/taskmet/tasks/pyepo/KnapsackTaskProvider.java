package org.taskmet.tasks.pyepo;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Task;

/** The {@code knapsack} task plugin: PyEPO's multi-dimensional 0/1 knapsack. */
@AutoService(PluginProvider.class)
public final class KnapsackTaskProvider extends PluginProviderBase<Task, KnapsackConfig> {
  public KnapsackTaskProvider() {
    super(KnapsackTask.NAME, PluginKind.TASK,
        "PyEPO's multi-dimensional 0/1 knapsack: predict the item values from features, pack the best items",
        KnapsackConfig.class, KnapsackConfig.defaults(), KnapsackTask::new);
  }
}
