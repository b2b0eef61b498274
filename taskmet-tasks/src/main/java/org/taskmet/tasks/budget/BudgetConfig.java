package org.taskmet.tasks.budget;

import static org.taskmet.core.method.ConfigChecks.MAX_SOLVER_ITERATIONS;
import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.between;
import static org.taskmet.core.method.ConfigChecks.dataSize;
import static org.taskmet.core.method.ConfigChecks.inRange;
import static org.taskmet.core.method.ConfigChecks.notNull;

/**
 * Settings of the budget-allocation task (taskmet.md §2.3). Defaults are the reference sizes; the
 * {@code synthetic*} fields apply only to {@code data = synthetic}, the {@code movielens*} fields only to
 * {@code data = movielens}.
 *
 * @param channels items per instance: channels/websites the budget is split over (5)
 * @param users targets per channel: users that may be reached (10)
 * @param budget total budget k, Σz = k (2)
 * @param trainInstances training instances (80)
 * @param validationInstances validation instances (20; generated first, as in the reference)
 * @param testInstances test instances (500)
 * @param data where the click probabilities come from: {@code movielens} (real ratings from Debian's
 *     r-cran-dslabs, {@link MovieLensClicks}), {@code synthetic} ({@link SyntheticClickModel}), {@code file}
 *     ({@code clickMatrixFile}, {@link ClickMatrixFile}) or {@code auto} (default: {@code file} when
 *     clickMatrixFile is set, else {@code movielens} when r-cran-dslabs is installed, else {@code synthetic})
 * @param clickMatrixFile the file {@code file} reads, or another location of dslabs' {@code Rdata.rdx} for
 *     {@code movielens}; empty = the installed package's
 * @param movielensMovies movies (channels) in the MovieLens block: the most-rated ones (500)
 * @param movielensUsers users in the block: those who rated most (100)
 * @param movielensThreshold a rating at least this is a click (4)
 * @param syntheticRank rank of the synthetic channel × user structure (3)
 * @param syntheticConcentration Beta concentration κ of the synthetic noise (10; larger = less noise)
 * @param syntheticInstanceSpread change of channel factors between synthetic instances (0.5)
 * @param syntheticOffsetMean mean channel logit offset (−1.5: mostly small click probabilities)
 * @param solverIterations projected-gradient iterations of the decision solver (100)
 * @param solverStepSize its step size (0.1)
 * @param solverMomentum its momentum (0.9)
 */
public record BudgetConfig(
    int channels, int users, double budget, int trainInstances, int validationInstances, int testInstances,
    String data, String clickMatrixFile, int movielensMovies, int movielensUsers, double movielensThreshold,
    int syntheticRank, double syntheticConcentration, double syntheticInstanceSpread,
    double syntheticOffsetMean, int solverIterations, double solverStepSize, double solverMomentum) {

  /** The {@code data} values. */
  public static final String AUTO = "auto";
  public static final String MOVIELENS = "movielens";
  public static final String SYNTHETIC = "synthetic";
  public static final String FILE = "file";
  /** At most this many users: the features are one users x users affine map of the targets. */
  public static final int MAX_USERS = 10_000;
  /** At most this rank of the synthetic model: each synthetic probability sums one product per rank. */
  public static final int MAX_SYNTHETIC_RANK = 1_000;

  /** The reference settings, on MovieLens when it is installed. */
  public static BudgetConfig defaults() {
    return new BudgetConfig(5, 10, 2, 80, 20, 500, AUTO, "", 500, 100, 4, 3, 10, 0.5, -1.5, 100, 0.1, 0.9);
  }

  /** {@code data} with {@code auto} replaced by the source it stands for on this machine. */
  public String resolvedData() {
    if (!data.equals(AUTO)) {
      return data;
    }
    if (!clickMatrixFile.isEmpty()) {
      return FILE;
    }
    return MovieLensClicks.installed().isPresent() ? MOVIELENS : SYNTHETIC;
  }

  /** Throws naming the field when a value is out of range, or when the sizes ask for more than memory holds. */
  public BudgetConfig validate() {
    String p = BudgetTask.NAME;
    atLeast(p, "channels", channels, 2);
    between(p, "users", users, 1, MAX_USERS, "the features are one users x users affine map of the targets");
    inRange(p, "budget", budget, 1e-9, channels);
    atLeast(p, "trainInstances", trainInstances, 1);
    atLeast(p, "validationInstances", validationInstances, 1);
    atLeast(p, "testInstances", testInstances, 1);
    dataSize(p, "(trainInstances + validationInstances + testInstances) x channels x users x 2 (features, targets)",
        (long) trainInstances + validationInstances + testInstances, channels, users, 2);
    notNull(p, "data", data);
    notNull(p, "clickMatrixFile", clickMatrixFile);
    if (!java.util.List.of(AUTO, MOVIELENS, SYNTHETIC, FILE).contains(data)) {
      throw new IllegalArgumentException(p + ": config field 'data' is '" + data + "'; expected one of auto, "
          + "movielens, synthetic, file");
    }
    if (data.equals(FILE) && clickMatrixFile.isEmpty()) {
      throw new IllegalArgumentException(p + ": data=file needs config field 'clickMatrixFile'");
    }
    atLeast(p, "movielensMovies", movielensMovies, 1);
    atLeast(p, "movielensUsers", movielensUsers, 1);
    dataSize(p, "movielensMovies x movielensUsers (the click block)", movielensMovies, movielensUsers);
    inRange(p, "movielensThreshold", movielensThreshold, 0, 5);
    between(p, "syntheticRank", syntheticRank, 1, MAX_SYNTHETIC_RANK,
        "each synthetic probability sums one product per rank");
    above(p, "syntheticConcentration", syntheticConcentration, 0);
    inRange(p, "syntheticInstanceSpread", syntheticInstanceSpread, 0, 100);
    inRange(p, "syntheticOffsetMean", syntheticOffsetMean, -20, 20);
    between(p, "solverIterations", solverIterations, 1, MAX_SOLVER_ITERATIONS, "projected-gradient steps per decision");
    above(p, "solverStepSize", solverStepSize, 0);
    inRange(p, "solverMomentum", solverMomentum, 0, 0.999);
    return this;
  }

  /** The click-matrix source these settings describe (files are read here). */
  public ClickMatrixSource source() {
    return switch (resolvedData()) {
      case SYNTHETIC -> new SyntheticClickModel(syntheticRank, syntheticConcentration, syntheticInstanceSpread,
          syntheticOffsetMean);
      case MOVIELENS -> clickMatrixFile.isEmpty()
          ? MovieLensClicks.readInstalled(movielensMovies, movielensUsers, movielensThreshold)
          : MovieLensClicks.read(java.nio.file.Path.of(clickMatrixFile), movielensMovies, movielensUsers,
              movielensThreshold);
      default -> ClickMatrixFile.read(java.nio.file.Path.of(clickMatrixFile));
    };
  }
}
