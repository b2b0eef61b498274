package org.taskmet.core.plugin;

import java.util.Map;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Building plugins by name from a registry, with config overrides. */
public final class Plugins {
  private Plugins() {}

  /**
   * Builds the {@code kind} plugin called {@code name} with its defaults plus {@code overrides}.
   *
   * @throws IllegalArgumentException naming the plugin and the accepted names/keys on any mistake
   */
  public static <T> T create(
      PluginRegistry registry, PluginKind kind, Class<T> type, String name, Map<String, ?> overrides) {
    if (!kind.productType().equals(type)) {
      throw new IllegalArgumentException(kind.label() + " plugins create " + kind.productType().getName()
          + ", not " + type.getName());
    }
    return type.cast(createUnchecked(registry.provider(kind, name), overrides));
  }

  private static <C extends Record> Object createUnchecked(PluginProvider<?, C> provider, Map<String, ?> overrides) {
    C config = PluginConfigs.withOverrides(provider, overrides);
    Object product = provider.create(config);
    if (!provider.kind().productType().isInstance(product)) {
      throw new IllegalStateException("plugin '" + provider.name() + "' (" + provider.getClass().getName()
          + ") created a " + product.getClass().getName() + ", expected a " + provider.kind().productType().getName());
    }
    return product;
  }
}
