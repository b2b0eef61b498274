package org.taskmet.bench.cli;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.taskmet.bench.run.DecisionTrialKind;
import org.taskmet.bench.run.TrialExecutor;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.TaskmetModule;

/** The CLI on the fake plugins ({@link FakePlugins}) with a given trial executor: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
  static CliRun of(TrialExecutor executor, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = TaskmetCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true),
        new TaskmetModule(FakePlugins.registry()), Modules.override(new BenchModule()).with(new AbstractModule() {
          @Override
          protected void configure() {
            bind(TrialKinds.class).toInstance(TrialKinds.of(List.of(new DecisionTrialKind(executor))));
          }
        }));
    return new CliRun(code, o.toString(), e.toString());
  }
}
