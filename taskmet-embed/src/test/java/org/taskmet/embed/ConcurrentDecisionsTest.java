package org.taskmet.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;

/**
 * One loaded predictor shared by several threads: every concurrent decision is bit-identical to the decision a
 * single thread makes for the same request.
 */
class ConcurrentDecisionsTest {
  static final int THREADS = 4;
  static final int ROUNDS = 3;

  @Test
  void portfolioDecisionsOnSharedPredictorAreBitIdenticalToSingleThreaded() throws Exception {
    checkConcurrentDecisions(Trained.portfolio());
  }

  @Test
  void budgetDecisionsOnSharedPredictorAreBitIdenticalToSingleThreaded() throws Exception {
    checkConcurrentDecisions(Trained.budget());
  }

  private static void checkConcurrentDecisions(Predictor shared) throws Exception {
    List<Instance> days = Trained.requests(shared);
    List<double[]> reference = new ArrayList<>();
    for (Instance day : days) {
      reference.add(shared.decide(day.features(), day.aux()));
    }
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<double[]>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * days.size() / THREADS; // each thread walks the days from another starting point
        Callable<List<double[]>> caller = () -> {
          start.await();
          List<double[]> out = new ArrayList<>();
          for (int k = 0; k < ROUNDS * days.size(); k++) {
            Instance day = days.get((offset + k) % days.size());
            out.add(shared.decide(day.features(), day.aux()));
          }
          return out;
        };
        results.add(pool.submit(caller));
      }
      for (int t = 0; t < THREADS; t++) {
        int offset = t * days.size() / THREADS;
        List<double[]> out = results.get(t).get();
        for (int k = 0; k < out.size(); k++) {
          int day = (offset + k) % days.size();
          assertThat(out.get(k)).as("%s thread %d day %d", shared.spec().task(), t, day)
              .containsExactly(reference.get(day));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
