package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taskmet.bench.sweep.LabelSelection;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taskmet sweep}: runs a user's grid of trials (a sweep file) or a suite's profile on any engine. */
@Command(name = "sweep", description = {
    "Run a sweep file: the cross product of its axes (tasks, methods, config values) x seeds, every trial",
    "saved as it finishes into one result folder (resume by re-running), then the suite's table and plots.",
    "PLAN is a YAML/JSON sweep file or a profile shipped on the class path, e.g. reproduce/paper (--list).",
    "The format is in docs/sweeps.md; an example:",
    "",
    "  kind: decision",
    "  seeds: 3",
    "  axes:",
    "    task: [cubic]",
    "    method: [taskmet]",
    "    methodConfig.cgIterations: [5, 10, 20]"})
final class SweepCommand implements Callable<Integer> {
  private final PluginRegistry registry;
  private final TrialKinds kinds;
  private final SweepProfiles profiles;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "Sweep file, or profile SUITE/NAME.")
  String plan;

  @Option(names = "--list", description = "List the trial kinds and the profiles on the class path, and exit.")
  boolean list;

  @Option(names = "--seeds", paramLabel = "N", description = "Run seeds 0..N-1 instead of the file's seeds.")
  Integer seeds;

  @Option(names = "--only", paramLabel = "LABEL=V1,V2", description = "Only the trials whose label LABEL is one of "
      + "the values, e.g. --only task=cubic (repeatable).")
  List<String> only = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print the trials and which are finished, and run nothing.")
  boolean dryRun;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result directory (default: results/<plan name>).")
  Path out;

  @Mixin SweepOptions sweepOptions;

  @Spec CommandSpec spec;

  @Inject
  SweepCommand(PluginRegistry registry, TrialKinds kinds, SweepProfiles profiles) {
    this.registry = registry;
    this.kinds = kinds;
    this.profiles = profiles;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter w = spec.commandLine().getOut();
    if (list) {
      list(w);
      return 0;
    }
    if (plan == null) {
      throw new IllegalArgumentException("sweep needs a PLAN: a sweep file, or a profile of "
          + String.join(", ", profiles.all().stream().map(SweepProfiles.Profile::id).toList()));
    }
    sweepOptions.engineOptions(); // a contradiction in the engine flags fails before planning
    SweepFile file = read(plan);
    if (seeds != null) {
      file = file.withSeeds(seeds);
    }
    LabelSelection selection = new LabelSelection(file, "sweep " + file.name());
    for (String o : only) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--only expects LABEL=V1,V2, got '" + o + "'");
      }
      String label = o.substring(0, eq).strip();
      selection.only(label, label, List.of(o.substring(eq + 1).split(",")));
    }
    Sweep sweep = Sweep.plan(file, kinds, registry, selection);
    Path dir = out != null ? out : Path.of("results", file.name());
    if (dryRun) {
      dryRun(w, sweep, dir);
      return 0;
    }
    w.printf("taskmet sweep %s: %d %s trials%s, results in %s%n", file.name(), sweep.trials().size(), file.kind(),
        file.description().isEmpty() ? "" : " (" + file.description() + ")", dir);
    w.flush();
    return sweepOptions.run(spec, kinds, registry, sweep, dir);
  }

  private SweepFile read(String plan) {
    Path file = Path.of(plan);
    if (Files.exists(file)) {
      return SweepFile.read(file);
    }
    return profiles.find(plan).map(SweepProfiles.Profile::read).orElseThrow(() -> new IllegalArgumentException(
        "sweep file " + plan + " does not exist, and it is not a profile; profiles: "
            + String.join(", ", profiles.all().stream().map(SweepProfiles.Profile::id).toList())));
  }

  private void dryRun(PrintWriter w, Sweep sweep, Path dir) {
    ResultStore store = new ResultStore(dir);
    int finished = 0;
    for (Trial t : sweep.trials()) {
      boolean done = Files.isRegularFile(store.trialFile(t.id()));
      finished += done ? 1 : 0;
      w.printf("%s  %-9s %s%n", t.id(), done ? "finished" : "to run", t.describe());
    }
    w.printf("%d trials, %d finished in %s, %d to run%n", sweep.trials().size(), finished, dir,
        sweep.trials().size() - finished);
  }

  private void list(PrintWriter w) {
    w.println("trial kinds:");
    for (TrialKind<?, ?> k : kinds.all().values()) {
      w.printf("  %-12s %s (seed fields: %s)%n", k.name(), k.description(), String.join(", ", k.seedFields()));
    }
    w.println("profiles (taskmet sweep SUITE/NAME, or the suite's command with --profile NAME):");
    for (SweepProfiles.Profile p : profiles.all()) {
      SweepFile f = p.read();
      w.printf("  %-20s %s: %s%n", p.id(), f.kind(), f.description());
    }
  }
}
