package org.taskmet.bench.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a list of trials in order, saving each result as it finishes and skipping trials whose result
 * file already exists (so an interrupted sweep resumes where it stopped). Shows a progress bar with ETA
 * on stderr; when stderr is not a terminal it prints a progress line every few seconds instead.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  private final ResultStore store;
  private final TrialExecutor executor;
  private final PrintStream progressOut;

  public ExperimentRunner(ResultStore store, TrialExecutor executor, PrintStream progressOut) {
    this.store = store;
    this.executor = executor;
    this.progressOut = progressOut;
  }

  /** What a sweep did: all results (resumed and new) in spec order, and how many were resumed. */
  public record Outcome(List<TrialResult> results, int resumed) {}

  public Outcome run(String title, List<TrialSpec> specs) {
    List<TrialResult> results = new ArrayList<>();
    int resumed = 0;
    List<TrialSpec> todo = new ArrayList<>();
    for (TrialSpec s : specs) {
      Optional<TrialResult> done = store.load(s);
      if (done.isPresent()) {
        resumed++;
      } else {
        todo.add(s);
      }
    }
    if (resumed > 0) {
      LOG.info("{}: resuming, {} of {} trials already finished in {}", title, resumed, specs.size(), store.directory());
    }
    // one trial: the bar follows the method's own steps; several: it counts trials and shows the current step
    boolean single = todo.size() == 1;
    try (ProgressBar bar = progressBar(title, single ? 1 : todo.size())) {
      for (TrialSpec s : todo) {
        String label = s.task() + " / " + s.row() + " / seed " + s.seed();
        bar.setExtraMessage(label);
        ExecutedTrial r = executor.execute(s, (done, total, message) -> {
          if (single) {
            bar.maxHint(total);
            bar.stepTo(done);
          }
          bar.setExtraMessage(single ? message : label + ": " + message);
        });
        // predictor first: a result file marks the trial finished, so it must never exist without its predictor
        PredictorFiles.write(store.predictorFile(s), r);
        store.write(r.result());
        if (single) {
          bar.stepTo(bar.getMax());
        } else {
          bar.step();
        }
        store.writeSummary(collect(specs));
      }
    }
    List<TrialResult> all = collect(specs);
    store.writeSummary(all);
    return new Outcome(all, resumed);
  }

  private List<TrialResult> collect(List<TrialSpec> specs) {
    List<TrialResult> out = new ArrayList<>();
    for (TrialSpec s : specs) {
      store.load(s).ifPresent(out::add);
    }
    return out;
  }

  private ProgressBar progressBar(String title, int total) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(title).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(120);
    if (System.console() != null) {
      b.setConsumer(new ConsoleProgressBarConsumer(progressOut));
    } else {
      // no terminal (CI, pipes): a plain line every 10 s instead of carriage-return redraws
      b.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(progressOut::println));
    }
    return b.build();
  }
}
