package org.taskmet.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/**
 * Guice wiring of the discovered plugins: one {@code Map<String, PluginProvider<?, ?>>} per kind, bound with
 * a {@link MapBinder} qualified by {@code @Named(kind.label())} (e.g. {@code @Named("method")}), plus the
 * {@link PluginRegistry} itself.
 *
 * <p>Overrides: {@link #override} replaces (or adds) the provider bound under a name, so a user can swap
 * any plugin without touching the class path. Guice is a convenience: {@link PluginRegistry} and
 * {@link Plugins} work without it.
 */
public final class TaskmetModule extends AbstractModule {
  private final PluginRegistry registry;
  private final Map<PluginKind, Map<String, PluginProvider<?, ?>>> overrides = new EnumMap<>(PluginKind.class);

  public TaskmetModule(PluginRegistry registry) {
    this.registry = registry;
  }

  /** Binds {@code provider} under its own name and kind, replacing a discovered plugin of that name. */
  public TaskmetModule override(PluginProvider<?, ?> provider) {
    overrides.computeIfAbsent(provider.kind(), k -> new HashMap<>()).put(provider.name(), provider);
    return this;
  }

  /** The binding key of a kind's map, for {@code injector.getInstance(TaskmetModule.key(kind))}. */
  public static com.google.inject.Key<Map<String, PluginProvider<?, ?>>> key(PluginKind kind) {
    return com.google.inject.Key.get(new TypeLiteral<Map<String, PluginProvider<?, ?>>>() {}, Names.named(kind.label()));
  }

  @Override
  protected void configure() {
    Map<PluginKind, Map<String, PluginProvider<?, ?>>> effective = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      Map<String, PluginProvider<?, ?>> m = new HashMap<>(registry.providers(kind));
      m.putAll(overrides.getOrDefault(kind, Map.of()));
      effective.put(kind, m);
      MapBinder<String, PluginProvider<?, ?>> binder = MapBinder.newMapBinder(binder(),
          new TypeLiteral<String>() {}, new TypeLiteral<PluginProvider<?, ?>>() {}, Names.named(kind.label()));
      m.forEach((name, provider) -> binder.addBinding(name).toInstance(provider));
    }
    bind(PluginRegistry.class).toInstance(withOverrides(effective));
  }

  private PluginRegistry withOverrides(Map<PluginKind, Map<String, PluginProvider<?, ?>>> effective) {
    if (overrides.isEmpty()) {
      return registry;
    }
    return PluginRegistry.of(effective.values().stream().flatMap(x -> x.values().stream()).toList());
  }
}
