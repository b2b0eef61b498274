package org.taskmet.bench.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskmet.core.io.IoErrors;
import org.taskmet.core.plugin.DuplicatePluginException;
import org.taskmet.core.plugin.PluginPath;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.TaskmetModule;
import org.taskmet.core.provenance.BuildInfo;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code taskmet} command line. */
@Command(name = "taskmet", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = TaskmetCli.Version.class,
    description = "Task-driven learning: TaskMet, decision-focused learning baselines and multi-task learning.",
    subcommands = {PluginsCommand.class, RunCommand.class, ReproduceCommand.class, SweepCommand.class, MtlCommand.class,
        CheckCommand.class, RlCommand.class})
public final class TaskmetCli implements Runnable {
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  // read before parsing (the plugins must be loaded to build the commands); declared so every command accepts it
  @Option(names = PLUGIN_PATH_OPTION, scope = ScopeType.INHERIT, paramLabel = "PATH", description = {
      "Plugin jars, or folders of jars, separated by '${sys:path.separator}' (repeatable); read before "
          + "TASKMET_PLUGIN_PATH, ~/.taskmet/plugins and <taskmet.home>/plugins."})
  List<String> pluginPath; // repeatable: each adds its entries

  static final String PLUGIN_PATH_OPTION = "--plugin-path";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(args, out, err));
  }

  /** Runs the CLI with the plugins on the class path and the plugin path; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, PluginPath.standard(pluginPathOption(args)));
  }

  /** Runs the CLI with the plugins on the class path and {@code path}. */
  static int execute(String[] args, PrintWriter out, PrintWriter err, PluginPath path) {
    PluginRegistry registry;
    try {
      PluginPath.Loaded loaded = path.open(TaskmetCli.class.getClassLoader());
      // plugins that look themselves up (ServiceLoader, Jackson) use the context loader
      Thread.currentThread().setContextClassLoader(loaded.classLoader());
      registry = PluginRegistry.discover(loaded);
    } catch (DuplicatePluginException e) {
      err.println("taskmet: error: " + e.getMessage());
      return 2;
    }
    return execute(args, out, err, new TaskmetModule(registry), new BenchModule());
  }

  /** The values of every --plugin-path option in {@code args}, joined by the path separator (null when absent). */
  static String pluginPathOption(String[] args) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals(PLUGIN_PATH_OPTION) && i + 1 < args.length) {
        values.add(args[++i]);
      } else if (args[i].startsWith(PLUGIN_PATH_OPTION + "=")) {
        values.add(args[i].substring(PLUGIN_PATH_OPTION.length() + 1));
      }
    }
    return values.isEmpty() ? null : String.join(java.io.File.pathSeparator, values);
  }

  /** Runs the CLI with explicit Guice modules (tests swap the plugins or the trial executor). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Module... modules) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Injector injector;
    try {
      injector = Guice.createInjector(modules);
    } catch (RuntimeException e) {
      err.println("taskmet: error: cannot load the plugins: " + rootMessage(e));
      if (debug) {
        e.printStackTrace(err);
      }
      return 1;
    }
    CommandLine cl = new CommandLine(TaskmetCli.class, new GuiceFactory(injector));
    // picocli's own command: prints the bash/zsh completion script of the command tree built above
    cl.addSubcommand(new AutoComplete.GenerateCompletion());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("taskmet: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      err.println("taskmet: error: " + rootMessage(ex));
      if (debug) {
        ex.printStackTrace(err);
      }
      return ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException ? 2 : 1;
    });
    return cl.execute(args);
  }

  /**
   * The message worth showing: the outermost one that is not a wrapper's (a message of its own keeps the context the
   * code that threw it added, e.g. which folder could not be written); an I/O error's path and reason when that is
   * all there is.
   */
  public static String rootMessage(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && (cur.getMessage() == null || cur.getMessage().equals(cur.getCause().toString())
        || cur instanceof com.google.inject.ProvisionException || cur instanceof com.google.inject.CreationException)) {
      cur = cur.getCause();
    }
    if (cur instanceof java.io.IOException io) {
      return IoErrors.describe(io);
    }
    String msg = cur.getMessage();
    return msg == null ? cur.getClass().getSimpleName() : msg;
  }

  /** The version and commit of the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"taskmet " + BuildInfo.current().describe(),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
