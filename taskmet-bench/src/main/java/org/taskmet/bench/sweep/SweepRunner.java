package org.taskmet.bench.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.provenance.BuildInfo;

/**
 * Runs a sweep into a result folder, the same way for every suite and engine: locks the folder, skips the trials
 * whose result file exists (resume), runs the rest on the engine, stores each trial as it finishes and keeps
 * {@code summary.csv} current, then rebuilds the suite's report from the result files.
 *
 * <p>A failed trial is reported by id with its error and leaves no file; the other trials go on, and running the
 * same sweep again runs only what is missing.
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  private final TrialKinds kinds;
  private final PluginRegistry plugins;
  private final PrintStream progressOut;

  /**
   * @param progressOut where the progress bar goes (stderr in the CLI)
   */
  public SweepRunner(TrialKinds kinds, PluginRegistry plugins, PrintStream progressOut) {
    this.kinds = kinds;
    this.plugins = plugins;
    this.progressOut = progressOut;
  }

  /**
   * What a run did.
   *
   * @param finished the result files of the sweep's finished trials, in plan order, under their current labels
   * @param resumed trials found finished before this run
   * @param ran trials this run finished
   * @param failures trial id → error, for the trials that failed in this run
   * @param seconds wall time of the run
   * @param engine the engine's description ("nothing to run" when every trial was finished)
   * @param report the suite's report, written to the folder
   */
  public record Outcome(List<TrialRecord> finished, int resumed, int ran, Map<String, String> failures, double seconds,
      String engine, SweepReport.Report report) {}

  /**
   * Runs {@code sweep} into {@code dir} on the engine {@code options} names.
   *
   * @param command this run's command line, recorded in the folder lock
   * @param plots false to skip the report's plots
   * @throws OutputLock.FolderLockedException when another run holds {@code dir}
   */
  public Outcome run(Sweep sweep, Path dir, EngineOptions options, String command, boolean plots)
      throws InterruptedException {
    long start = System.nanoTime();
    ResultStore store = new ResultStore(dir);
    try (OutputLock lock = OutputLock.acquire(dir, command)) {
      int leftovers = store.removeInterruptedWrites();
      if (leftovers > 0) {
        LOG.info("{}: removed {} temporary files of writes an interrupted run left unfinished", dir, leftovers);
      }
      Map<String, TrialRecord> done = new ConcurrentHashMap<>();
      List<Trial> todo = new ArrayList<>();
      for (Trial t : sweep.trials()) {
        Optional<TrialRecord> r = finishedEarlier(sweep, t, store);
        if (r.isPresent()) {
          done.put(t.id(), r.get().withLabels(t.labels()));
        } else {
          todo.add(t);
        }
      }
      int resumed = done.size();
      if (resumed > 0) {
        LOG.info("{}: resuming, {} of {} trials already finished in {}", sweep.name(), resumed, sweep.trials().size(),
            dir);
      }
      Map<String, String> failures = new LinkedHashMap<>();
      String engineName = "nothing to run";
      if (!todo.isEmpty()) {
        try (SweepEngine engine = SweepEngines.create(options, kinds, plugins);
            Progress progress = new Progress(sweep, todo)) {
          engineName = engine.describe();
          LOG.info("{}: {} trials to run on {}", sweep.name(), todo.size(), engineName);
          engine.run(todo, new StoringListener(sweep, store, done, failures, progress));
        }
      }
      List<TrialRecord> finished = inPlanOrder(sweep, done);
      store.writeSummary(finished);
      SweepReport.Report report = report(sweep, finished, new SweepReport.Context(store, plugins, plots));
      double seconds = (System.nanoTime() - start) / 1e9;
      Outcome outcome = new Outcome(finished, resumed, finished.size() - resumed, Map.copyOf(failures), seconds,
          engineName, report);
      store.writeText("table.md", report.markdown() + "\n" + footer(sweep, outcome));
      return outcome;
    }
  }

  /**
   * The record of trial {@code t} from an earlier run, if its result file holds one of the sweep's kind. An
   * unreadable file (emptied, truncated or edited outside taskmet) is renamed, never deleted, and the trial runs
   * again.
   */
  private static Optional<TrialRecord> finishedEarlier(Sweep sweep, Trial t, ResultStore store) {
    try {
      Optional<TrialRecord> r = store.load(t.id());
      if (r.isPresent()) {
        typedResult(sweep.kind(), r.get(), store);
      }
      return r;
    } catch (ResultStore.UnreadableResultException e) {
      Path aside = store.setAside(t.id());
      LOG.warn("{}; kept it as {} and running trial {} again", e.getMessage(), aside.getFileName(), t.id());
      return Optional.empty();
    }
  }

  /** The typed result of a record, or an {@link ResultStore.UnreadableResultException} naming its file. */
  private static <R> R typedResult(TrialKind<?, R> kind, TrialRecord r, ResultStore store) {
    try {
      return ResultStore.JSON.treeToValue(r.result(), kind.resultType());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new ResultStore.UnreadableResultException(store.trialFile(r.id()), "it does not hold a " + kind.name()
          + " result (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage()) + ")");
    }
  }

  /** "Wall time … for … trials …": the last line of {@code table.md}. */
  public static String footer(Sweep sweep, Outcome o) {
    return String.format(Locale.ROOT, "Wall time %.1f s for %d trials (%d resumed from earlier runs%s), sweep '%s', "
        + "engine %s, taskmet %s, Java %s.%n", o.seconds(), o.finished().size(), o.resumed(),
        o.failures().isEmpty() ? "" : ", " + o.failures().size() + " failed", sweep.name(), o.engine(),
        BuildInfo.current().describe(), Runtime.version());
  }

  private static List<TrialRecord> inPlanOrder(Sweep sweep, Map<String, TrialRecord> done) {
    List<TrialRecord> out = new ArrayList<>();
    sweep.trials().forEach(t -> {
      if (done.containsKey(t.id())) {
        out.add(done.get(t.id()));
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <S, R> SweepReport.Report report(Sweep sweep, List<TrialRecord> finished, SweepReport.Context ctx) {
    TrialKind<S, R> kind = (TrialKind<S, R>) sweep.kind();
    Map<String, Trial> byId = new LinkedHashMap<>();
    sweep.trials().forEach(t -> byId.put(t.id(), t));
    List<FinishedTrial<S, R>> typed = new ArrayList<>();
    for (TrialRecord r : finished) {
      Trial t = byId.get(r.id());
      R result = typedResult(kind, r, ctx.store());
      typed.add(new FinishedTrial<>(t, SpecMaps.convert(t.spec(), kind.specType(), kind.name() + " trial spec"),
          result, r));
    }
    return kind.report().write(typed, ctx);
  }

  /** Stores each finished trial and keeps the summary and the progress bar current. */
  private static final class StoringListener implements TrialListener {
    private final Sweep sweep;
    private final ResultStore store;
    private final Map<String, TrialRecord> done;
    private final Map<String, String> failures;
    private final Progress progress;

    StoringListener(Sweep sweep, ResultStore store, Map<String, TrialRecord> done, Map<String, String> failures,
        Progress progress) {
      this.sweep = sweep;
      this.store = store;
      this.done = done;
      this.failures = failures;
      this.progress = progress;
    }

    @Override
    public void started(Trial trial) {
      progress.started(trial);
    }

    @Override
    public void progress(Trial trial, long d, long total, String message) {
      progress.step(trial, d, total, message);
    }

    @Override
    public synchronized void finished(Trial trial, CompletedTrial completed) {
      if (!completed.record().id().equals(trial.id())) {
        throw new IllegalStateException("the engine returned trial " + completed.record().id() + " for " + trial.id());
      }
      store.write(completed.record(), completed.artifacts());
      done.put(trial.id(), completed.record().withLabels(trial.labels()));
      store.writeSummary(inPlanOrder(sweep, done));
      progress.ended(trial);
    }

    @Override
    public synchronized void failed(Trial trial, String error) {
      failures.put(trial.id(), error);
      LOG.error("{} ({}): {}", trial.id(), trial.describe(), error);
      progress.ended(trial);
    }
  }

  /**
   * The progress bar on stderr: the bar shows the {@link WorkTally} (work in trials of average cost, so the ETA holds
   * when trials differ in cost), the message how many trials have actually finished. Without a terminal it prints a
   * line every 10 s instead.
   */
  private final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final WorkTally tally;
    private final Map<String, String> running = new LinkedHashMap<>();

    Progress(Sweep sweep, List<Trial> todo) {
      Map<String, Double> cost = new LinkedHashMap<>();
      for (Trial t : todo) {
        cost.put(t.id(), relativeCost(sweep.kind(), t));
      }
      tally = new WorkTally(cost);
      ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(sweep.name()).setInitialMax(tally.total())
          .setUnit(" trials' work", WorkTally.UNIT).setStyle(ProgressBarStyle.ASCII);
      if (System.console() != null) {
        b.setConsumer(new ConsoleProgressBarConsumer(progressOut, 120));
      } else {
        // a log line may be wider than a terminal: the message (trial, epoch, validation score) must not be cut
        b.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(progressOut::println, 200));
      }
      bar = b.build();
    }

    @SuppressWarnings("unchecked")
    private static <S> double relativeCost(TrialKind<S, ?> kind, Trial t) {
      return kind.relativeCost(SpecMaps.convert(t.spec(), kind.specType(), kind.name() + " trial spec"));
    }

    synchronized void started(Trial t) {
      running.put(t.id(), t.shortName());
      bar.setExtraMessage(message(t, null));
    }

    synchronized void step(Trial t, long d, long total, String message) {
      tally.step(t.id(), d, total);
      bar.stepTo(tally.done());
      bar.setExtraMessage(message(t, message));
    }

    synchronized void ended(Trial t) {
      running.remove(t.id());
      tally.end(t.id());
      bar.stepTo(tally.done());
      bar.setExtraMessage(tally.finished() + "/" + tally.trials() + " trials done");
    }

    private String message(Trial t, String step) {
      String where = tally.finished() + "/" + tally.trials() + " done, " + running.size() + " running; "
          + t.shortName();
      return step == null ? where : where + ": " + step;
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
