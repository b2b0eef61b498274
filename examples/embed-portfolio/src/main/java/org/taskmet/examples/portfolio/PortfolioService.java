package org.taskmet.examples.portfolio;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.embed.Predictor;
import org.taskmet.embed.Taskmet;
import org.taskmet.embed.TrainingSpec;

/**
 * An application that embeds taskmet: {@code train FILE} trains a TaskMet portfolio predictor and saves it;
 * {@code serve FILE} loads it (in a fresh JVM) and serves portfolio weights for trading days it never saw, from two
 * request threads sharing the one predictor. Both print a checksum of the decisions for the same days, so the two
 * runs can be compared bit for bit.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar target/embed-portfolio.jar train portfolio.json
 * java --add-modules jdk.incubator.vector -jar target/embed-portfolio.jar serve portfolio.json
 * </pre>
 */
public final class PortfolioService {
  /** Days served (and checksummed) after training. */
  private static final int NEW_DAYS = 40;

  private PortfolioService() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !(args[0].equals("train") || args[0].equals("serve"))) {
      System.err.println("usage: embed-portfolio train FILE | serve FILE");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    Taskmet taskmet = Taskmet.discover();
    if (args[0].equals("train")) {
      train(taskmet, file);
    } else {
      serve(taskmet, file);
    }
  }

  /** Trains TaskMet on the portfolio task (a short run: 10 outer steps), saves the predictor. */
  private static void train(Taskmet taskmet, Path file) {
    TrainingSpec spec = TrainingSpec.of("portfolio", "taskmet")
        .withMethodConfig(Map.of("outerIterations", 10, "innerIterationsFirst", 100, "innerIterations", 20,
            "outerBatchSize", 20))
        .withSeed(1);
    long t0 = System.nanoTime();
    // the method reports at its validation steps
    Predictor predictor = taskmet.train(spec,
        (done, total, message) -> System.out.printf(Locale.ROOT, "  training %d/%d: %s%n", done, total, message));
    predictor.save(file);
    System.out.printf(Locale.ROOT, "trained %s in %.1f s, saved to %s%n", predictor, (System.nanoTime() - t0) / 1e9,
        file);
    List<double[]> decisions = new ArrayList<>();
    for (Instance day : MarketFeed.newDays(predictor, NEW_DAYS)) {
      decisions.add(predictor.decide(day.features(), Map.of("cholesky", day.aux("cholesky"))));
    }
    System.out.println("decision checksum " + checksum(decisions));
  }

  /** Loads the saved predictor and serves the new days from two threads sharing it. */
  private static void serve(Taskmet taskmet, Path file) throws InterruptedException, ExecutionException {
    Predictor predictor = taskmet.load(file, "portfolio");
    System.out.println("loaded " + predictor + " from " + file);
    List<Instance> days = MarketFeed.newDays(predictor, NEW_DAYS);

    ExecutorService requests = Executors.newFixedThreadPool(2);
    List<Future<double[]>> pending = new ArrayList<>();
    for (Instance day : days) {
      // a request: today's features (assets x 28) and the Cholesky factor of today's covariance
      pending.add(requests.submit(() -> predictor.decide(day.features(), Map.of("cholesky", day.aux("cholesky")))));
    }
    List<double[]> decisions = new ArrayList<>();
    for (Future<double[]> f : pending) {
      decisions.add(f.get());
    }
    requests.shutdown();

    // after the fact, with the realized next-day returns: the task's objective r'x - 0.1||Lx||^2
    DecisionProblem scoring = predictor.task().decisionProblem();
    double[] equal = new double[predictor.shape().items()];
    Arrays.fill(equal, 1.0 / equal.length);
    double served = 0;
    double baseline = 0;
    for (int d = 0; d < days.size(); d++) {
      Instance day = days.get(d);
      double[] w = decisions.get(d);
      served += scoring.objective(day, w, day.targets());
      baseline += scoring.objective(day, equal, day.targets());
      if (d < 3) {
        System.out.printf(Locale.ROOT, "day %d: %s%n", d, topHoldings(w, 3));
      }
    }
    System.out.printf(Locale.ROOT, "served %d days on 2 threads: mean objective %.5f (equal weights %.5f)%n",
        days.size(), served / days.size(), baseline / days.size());

    Matrix wrong = new Matrix(predictor.shape().items(), 27, new double[predictor.shape().items() * 27]);
    try {
      predictor.decide(wrong, Map.of("cholesky", days.get(0).aux("cholesky")));
    } catch (IllegalArgumentException e) {
      System.out.println("a bad request is refused: " + e.getMessage());
    }
    System.out.println("decision checksum " + checksum(decisions));
  }

  private static String topHoldings(double[] w, int k) {
    Integer[] order = new Integer[w.length];
    for (int i = 0; i < w.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < k; i++) {
      sb.append(String.format(Locale.ROOT, "%sasset %d %.1f%%", i > 0 ? ", " : "", order[i], 100 * w[order[i]]));
    }
    return sb.toString();
  }

  /** SHA-256 of the decisions' bits, in day order: equal checksums mean bit-identical decisions. */
  private static String checksum(List<double[]> decisions) throws IllegalStateException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer bits = ByteBuffer.allocate(Long.BYTES);
      for (double[] w : decisions) {
        for (double v : w) {
          sha.update(bits.clear().putLong(Double.doubleToLongBits(v)).array());
        }
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
