package org.taskmet.api;

import java.util.function.Function;

/**
 * A {@link PluginProvider} from its parts, so a provider is one constructor call:
 *
 * <pre>{@code
 * public final class NewsvendorProvider extends PluginProviderBase<Task, NewsvendorConfig> {
 *   public NewsvendorProvider() {
 *     super("newsvendor", PluginKind.TASK, "multi-item newsvendor under a budget",
 *         NewsvendorConfig.class, NewsvendorConfig.defaults(), NewsvendorTask::new);
 *   }
 * }
 * }</pre>
 *
 * List the subclass in {@code META-INF/services/org.taskmet.api.PluginProvider} (or annotate it with
 * {@code @AutoService(PluginProvider.class)}): {@link java.util.ServiceLoader} needs a class with a public
 * no-argument constructor. {@link PluginProvider#of} builds the same provider as a value, for code that registers
 * plugins by hand (tests, Guice overrides). Providers that implement {@link PluginProvider} directly keep working.
 *
 * @param <T> the product type, {@link PluginKind#productType()} of the kind
 * @param <C> the config record type
 */
public class PluginProviderBase<T, C extends Record> implements PluginProvider<T, C> {
  private final String name;
  private final PluginKind kind;
  private final String description;
  private final Class<C> configType;
  private final C defaults;
  private final Function<? super C, ? extends T> factory;

  /**
   * @param name stable plugin name, lower-case words joined by dashes
   * @param kind what the factory builds
   * @param description one line for {@code taskmet plugins}
   * @param configType the config record
   * @param defaults the default config (the reference values where a paper fixes them)
   * @param factory builds the plugin from a config; throws {@link IllegalArgumentException} naming a bad field
   */
  protected PluginProviderBase(String name, PluginKind kind, String description, Class<C> configType, C defaults,
      Function<? super C, ? extends T> factory) {
    if (name == null || kind == null || description == null || configType == null || defaults == null
        || factory == null) {
      throw new IllegalArgumentException(getClass().getName() + ": a provider needs a name, kind, description, "
          + "config type, default config and factory (one of them is null)");
    }
    if (!configType.isInstance(defaults)) {
      throw new IllegalArgumentException(getClass().getName() + " (plugin '" + name + "'): the default config is a "
          + defaults.getClass().getName() + ", not a " + configType.getName());
    }
    this.name = name;
    this.kind = kind;
    this.description = description;
    this.configType = configType;
    this.defaults = defaults;
    this.factory = factory;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final PluginKind kind() {
    return kind;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Class<C> configType() {
    return configType;
  }

  @Override
  public final C defaultConfig() {
    return defaults;
  }

  @Override
  public final T create(C config) {
    return factory.apply(config);
  }

  @Override
  public String toString() {
    return kind.label() + " plugin '" + name + "'";
  }
}
