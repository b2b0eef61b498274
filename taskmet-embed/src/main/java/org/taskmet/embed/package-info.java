/**
 * Embedding taskmet in a JVM application: {@link org.taskmet.embed.Taskmet} trains, loads and saves
 * {@link org.taskmet.embed.Predictor}s, which turn features into the task's decisions and may be shared between
 * threads. Depends on neither the CLI nor Guice.
 */
package org.taskmet.embed;
