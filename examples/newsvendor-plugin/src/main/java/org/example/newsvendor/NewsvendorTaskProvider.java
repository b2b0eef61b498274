package org.example.newsvendor;

import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Task;

/** The {@code newsvendor} task plugin. */
public final class NewsvendorTaskProvider extends PluginProviderBase<Task, NewsvendorConfig> {
  public NewsvendorTaskProvider() {
    super(NewsvendorTask.NAME, PluginKind.TASK, "multi-store newsvendor: order under a shared budget",
        NewsvendorConfig.class, NewsvendorConfig.defaults(), NewsvendorTask::new);
  }
}
