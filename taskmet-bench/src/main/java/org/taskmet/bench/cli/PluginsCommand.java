package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taskmet plugins}: what is installed. */
@Command(name = "plugins", description = {"List every discovered plugin by kind, name, description and source (its jar",
    "and the plugin-path location that named it, or 'class path')."})
final class PluginsCommand implements Runnable {
  private final PluginRegistry registry;

  @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: ${COMPLETION-CANDIDATES}.")
  PluginKind kind;

  @Option(names = "--config", description = "Also print each plugin's config fields with their defaults.")
  boolean showConfig;

  @Spec CommandSpec spec;

  @Inject
  PluginsCommand(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    List<PluginKind> kinds = kind == null ? List.of(PluginKind.values()) : List.of(kind);
    // the source column starts after the longest description, up to 72 characters in
    int width = kinds.stream().flatMap(k -> registry.providers(k).values().stream())
        .mapToInt(p -> p.description().length()).max().orElse(0);
    String row = "%-11s %-22s %-" + Math.max(11, Math.min(72, width)) + "s  %s%n";
    out.printf(row, "KIND", "NAME", "DESCRIPTION", "SOURCE");
    for (PluginKind k : kinds) {
      for (PluginProvider<?, ?> p : registry.providers(k).values()) {
        out.printf(row, k.label(), p.name(), p.description(), registry.source(p));
        if (showConfig) {
          Map<String, Object> cfg = PluginConfigs.toMap(p.defaultConfig());
          cfg.forEach((key, value) -> out.printf("%-11s %-22s   %s = %s%n", "", "", key, value));
        }
      }
    }
    for (String failure : registry.failures()) {
      spec.commandLine().getErr().println("taskmet: warning: " + failure);
    }
  }
}
