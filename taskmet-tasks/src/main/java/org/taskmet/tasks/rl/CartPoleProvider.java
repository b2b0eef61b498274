package org.taskmet.tasks.rl;

import com.google.auto.service.AutoService;
import org.taskmet.api.Environment;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** The {@code cartpole} environment plugin: Gym's CartPole-v1. */
@AutoService(PluginProvider.class)
public final class CartPoleProvider implements PluginProvider<Environment, CartPoleConfig> {
  @Override
  public String name() {
    return CartPole.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.ENVIRONMENT;
  }

  @Override
  public String description() {
    return "CartPole-v1: balance a pole on a cart, 4-dim state, 2 actions, +1 per step, 500 steps at most";
  }

  @Override
  public Class<CartPoleConfig> configType() {
    return CartPoleConfig.class;
  }

  @Override
  public CartPoleConfig defaultConfig() {
    return CartPoleConfig.defaults();
  }

  @Override
  public Environment create(CartPoleConfig config) {
    return new CartPole(config);
  }
}
