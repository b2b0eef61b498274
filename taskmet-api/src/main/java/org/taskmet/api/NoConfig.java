package org.taskmet.api;

/** The config record of a plugin that has no settings. */
public record NoConfig() {}
