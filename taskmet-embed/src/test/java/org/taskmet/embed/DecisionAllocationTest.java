package org.taskmet.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.api.TrainedPredictor;

/**
 * Bytes allocated per decision on the calling thread ({@code ThreadMXBean.getThreadAllocatedBytes}), after
 * warm-up, cycling through distinct requests as a service sees them. Once the JIT has compiled the path,
 * allocation does not depend on machine load (only the time to get there does), so the numbers are measured here (docs/embedding.md records them: 66 KB portfolio, 7.5 KB budget, nearly all of
 * it in the solvers); the bounds leave room above them and catch a regression such as a per-call copy of the
 * weights or the activations.
 *
 * <p>The reference is the 0.1 way (the README's example): {@code TrainedPredictor.predict}, which builds a
 * forward pass with its own copies of the weights and activations, then the same solver.
 */
class DecisionAllocationTest {
  static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void aPortfolioDecisionAllocatesLittleBeyondTheQpSolver() {
    checkAllocation(Trained.portfolio(), 3_000, 100_000);
  }

  @Test
  void aBudgetDecisionAllocatesLittle() {
    checkAllocation(Trained.budget(), 20_000, 20_000);
  }

  /** At most {@code bound} bytes per decision, and less than a quarter of the 0.1 path's. */
  private static void checkAllocation(Predictor p, int warmUp, double bound) {
    double perDecision = bytesPerDecision(p, false, warmUp);
    double perReference = bytesPerDecision(p, true, warmUp / 10);
    System.out.printf(Locale.ROOT, "allocation %s: %.0f bytes/decision (0.1 path: predict + solve %.0f)%n",
        p.spec().task(), perDecision, perReference);
    assertThat(perDecision).isLessThan(bound);
    assertThat(perDecision).isLessThan(perReference / 4);
  }

  /**
   * The least bytes per decision over rounds of 100 decisions, after {@code warmUp} decisions. Allocation only falls
   * as the JIT compiles the path (interpreted and C1 code box Vector API values), so the test runs in a JVM of its
   * own with {@code -Xbatch} (see the pom): compilation then happens at the same call counts on a loaded machine.
   * Rounds go on until the least value has not improved by 1% for 10 rounds (2 for the reference path, which is
   * only compared with), for at most a minute.
   */
  private static double bytesPerDecision(Predictor p, boolean reference, int warmUp) {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    List<Instance> days = Trained.requests(p);
    TrainedPredictor trained = p.trained();
    Solver solver = p.task().decisionProblem().evaluationSolver();
    double sink = 0;
    for (int k = 0; k < warmUp; k++) {
      sink += decide(p, trained, solver, days.get(k % days.size()), reference)[0];
    }
    int perRound = 100;
    int patience = reference ? 2 : 10;
    long deadline = System.nanoTime() + 60_000_000_000L;
    double best = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    while (sinceBest < patience && System.nanoTime() < deadline) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      for (int k = 0; k < perRound; k++) {
        sink += decide(p, trained, solver, days.get(k % days.size()), reference)[0];
      }
      double perDecision = (double) (THREADS.getCurrentThreadAllocatedBytes() - before) / perRound;
      if (perDecision < 0.99 * best) {
        best = perDecision;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
    assertThat(sink).isFinite();
    return best;
  }

  private static double[] decide(Predictor p, TrainedPredictor trained, Solver solver, Instance day,
      boolean reference) {
    if (reference) {
      Matrix predictions = trained.predict(day.features());
      return solver.solve(predictions, day, new SplittableRandom(Predictor.DECISION_SEED)).decision();
    }
    return p.decide(day.features(), day.aux());
  }
}
