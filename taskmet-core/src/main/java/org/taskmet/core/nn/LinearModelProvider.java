package org.taskmet.core.nn;

import com.google.auto.service.AutoService;
import org.taskmet.api.Model;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** The {@code linear} model plugin: x ↦ W x + b, PyTorch's nn.Linear initialization (the cubic task's predictor). */
@AutoService(PluginProvider.class)
public final class LinearModelProvider implements PluginProvider<Model.Factory, NoConfig> {
  @Override
  public String name() {
    return "linear";
  }

  @Override
  public PluginKind kind() {
    return PluginKind.MODEL;
  }

  @Override
  public String description() {
    return "linear model x -> W x + b (PyTorch nn.Linear init)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public NoConfig defaultConfig() {
    return new NoConfig();
  }

  @Override
  public Model.Factory create(NoConfig config) {
    return Sequential::linear;
  }
}
