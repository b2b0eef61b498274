package org.taskmet.tasks.pyepo;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Task;

/** The {@code shortest-path} task plugin: PyEPO's grid shortest path. */
@AutoService(PluginProvider.class)
public final class ShortestPathTaskProvider extends PluginProviderBase<Task, ShortestPathConfig> {
  public ShortestPathTaskProvider() {
    super(ShortestPathTask.NAME, PluginKind.TASK,
        "PyEPO's shortest path on an h x w grid: predict the arc costs from features, take the cheapest path",
        ShortestPathConfig.class, ShortestPathConfig.defaults(), ShortestPathTask::new);
  }
}
