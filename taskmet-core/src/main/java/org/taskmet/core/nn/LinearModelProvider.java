package org.taskmet.core.nn;

import com.google.auto.service.AutoService;
import org.taskmet.api.Model;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** The {@code linear} model plugin: x ↦ W x + b, PyTorch's nn.Linear initialization (the cubic task's predictor). */
@AutoService(PluginProvider.class)
public final class LinearModelProvider extends PluginProviderBase<Model.Factory, NoConfig> {
  public LinearModelProvider() {
    super("linear", PluginKind.MODEL, "linear model x -> W x + b (PyTorch nn.Linear init)",
        NoConfig.class, new NoConfig(), config -> Sequential::linear);
  }
}
