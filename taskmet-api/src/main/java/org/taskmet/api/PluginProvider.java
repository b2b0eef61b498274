package org.taskmet.api;

/**
 * The one service interface taskmet discovers with {@link java.util.ServiceLoader}: a named, documented
 * factory that builds a plugin from a typed config record.
 *
 * <p>To add a plugin, extend {@link PluginProviderBase} (one constructor call) or implement this interface, with a
 * public no-argument constructor; list the class in {@code META-INF/services/org.taskmet.api.PluginProvider} (or
 * annotate it with AutoService) and put the jar on the plugin path ({@code TASKMET_PLUGIN_PATH}). The contract:
 * <ul>
 *   <li>{@link #name()} is stable across versions, unique within its {@link #kind()}, lower-case with
 *       dashes (e.g. {@code "soft-topk"}); result files refer to plugins by it.</li>
 *   <li>{@link #configType()} is a record whose components are the plugin's settings; every component
 *       has a default in {@link #defaultConfig()} (the reference value where a paper fixes one).</li>
 *   <li>{@link #create} is a pure function of the record: a run is rebuilt from its result file by
 *       calling it with the recorded config.</li>
 * </ul>
 *
 * @param <T> the product type, {@link PluginKind#productType()} of {@link #kind()}
 * @param <C> the config record type
 */
public interface PluginProvider<T, C extends Record> {
  String name();

  PluginKind kind();

  /** One line: what the plugin is, for {@code taskmet plugins}. */
  String description();

  Class<C> configType();

  C defaultConfig();

  /**
   * Builds the plugin.
   *
   * @throws IllegalArgumentException naming the config field and the accepted range when a value is invalid
   */
  T create(C config);

  /**
   * A provider as a value (for plugins registered by hand: tests, {@code TaskmetModule.override}); a plugin jar
   * extends {@link PluginProviderBase} instead, since {@link java.util.ServiceLoader} needs a class.
   */
  static <T, C extends Record> PluginProvider<T, C> of(String name, PluginKind kind, String description,
      Class<C> configType, C defaults, java.util.function.Function<? super C, ? extends T> factory) {
    return new PluginProviderBase<>(name, kind, description, configType, defaults, factory);
  }
}
