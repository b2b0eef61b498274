package org.taskmet.tasks.rl;

import com.google.auto.service.AutoService;
import org.taskmet.api.Environment;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** The {@code cartpole} environment plugin: Gym's CartPole-v1. */
@AutoService(PluginProvider.class)
public final class CartPoleProvider extends PluginProviderBase<Environment, CartPoleConfig> {
  /** The plugin with the CartPole-v1 constants as its default config. */
  public CartPoleProvider() {
    super(CartPole.NAME, PluginKind.ENVIRONMENT,
        "CartPole-v1: balance a pole on a cart, 4-dim state, 2 actions, +1 per step, 500 steps at most",
        CartPoleConfig.class, CartPoleConfig.defaults(), CartPole::new);
  }
}
