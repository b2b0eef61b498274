package org.example.consumer;

import org.taskmet.api.PluginKind;

/** Compiles against taskmet-api as a plugin does (provided scope: the taskmet CLI brings the API). */
public final class ConsumerPlugin {
  private ConsumerPlugin() {}

  public static PluginKind kind() {
    return PluginKind.MODEL;
  }
}
