package org.taskmet.tasks.cubic;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Task;
import org.taskmet.solvers.topk.HardTopKSolver;
import org.taskmet.solvers.topk.SoftTopKSolver;

/** The {@code cubic} task plugin: top-k selection with utilities 10(x³ − 0.65x). */
@AutoService(PluginProvider.class)
public final class CubicTaskProvider extends PluginProviderBase<Task, CubicConfig> {
  public CubicTaskProvider() {
    super(CubicTopKTask.NAME, PluginKind.TASK,
        "cubic top-k: pick the best of 50 items with utility 10(x^3 - 0.65x) using a linear predictor",
        CubicConfig.class, CubicConfig.defaults(), CubicTaskProvider::build);
  }

  private static Task build(CubicConfig config) {
    config.validate();
    return new CubicTopKTask(config,
        new SoftTopKSolver(new SoftTopKSolver.Settings(config.k(), config.softTopkEpsilon(),
            config.softTopkIterations(), 0.0)),
        new HardTopKSolver(config.k()));
  }
}
