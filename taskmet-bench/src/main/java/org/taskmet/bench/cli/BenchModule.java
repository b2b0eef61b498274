package org.taskmet.bench.cli;

import com.google.inject.AbstractModule;
import org.taskmet.bench.run.PluginTrialExecutor;
import org.taskmet.bench.run.TrialExecutor;

/** Binds what the CLI commands need besides the plugins: how a trial is executed. */
public final class BenchModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(TrialExecutor.class).to(PluginTrialExecutor.class);
  }
}
