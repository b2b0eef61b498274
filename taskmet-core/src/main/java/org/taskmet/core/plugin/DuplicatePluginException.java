package org.taskmet.core.plugin;

/** Two plugins of one kind share a name; the message names both classes and their jars, on one line. */
public final class DuplicatePluginException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DuplicatePluginException(String message) {
    super(message);
  }
}
