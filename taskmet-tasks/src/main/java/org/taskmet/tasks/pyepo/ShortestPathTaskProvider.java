package org.taskmet.tasks.pyepo;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;

/** The {@code shortest-path} task plugin: PyEPO's grid shortest path. */
@AutoService(PluginProvider.class)
public final class ShortestPathTaskProvider implements PluginProvider<Task, ShortestPathConfig> {
  @Override
  public String name() {
    return ShortestPathTask.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.TASK;
  }

  @Override
  public String description() {
    return "PyEPO's shortest path on an h x w grid: predict the arc costs from features, take the cheapest path";
  }

  @Override
  public Class<ShortestPathConfig> configType() {
    return ShortestPathConfig.class;
  }

  @Override
  public ShortestPathConfig defaultConfig() {
    return ShortestPathConfig.defaults();
  }

  @Override
  public Task create(ShortestPathConfig config) {
    return new ShortestPathTask(config);
  }
}
