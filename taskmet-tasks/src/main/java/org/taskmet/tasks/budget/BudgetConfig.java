package org.taskmet.tasks.budget;

import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.inRange;
import static org.taskmet.core.method.ConfigChecks.notNull;

/**
 * Settings of the budget-allocation task (taskmet.md §2.3). Defaults are the reference sizes; the
 * synthetic-generator fields only apply when {@code clickMatrixFile} is empty.
 *
 * @param channels items per instance: channels/websites the budget is split over (5)
 * @param users targets per channel: users that may be reached (10)
 * @param budget total budget k, Σz = k (2)
 * @param trainInstances training instances (80)
 * @param validationInstances validation instances (20; generated first, as in the reference)
 * @param testInstances test instances (500)
 * @param clickMatrixFile path of a user-supplied click-matrix file ({@link ClickMatrixFile}); empty = synthetic
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
    String clickMatrixFile, int syntheticRank, double syntheticConcentration, double syntheticInstanceSpread,
    double syntheticOffsetMean, int solverIterations, double solverStepSize, double solverMomentum) {

  /** The reference settings with the synthetic generator. */
  public static BudgetConfig defaults() {
    return new BudgetConfig(5, 10, 2, 80, 20, 500, "", 3, 10, 0.5, -1.5, 100, 0.1, 0.9);
  }

  /** Throws naming the field when a value is out of range. */
  public BudgetConfig validate() {
    String p = BudgetTask.NAME;
    atLeast(p, "channels", channels, 2);
    atLeast(p, "users", users, 1);
    inRange(p, "budget", budget, 1e-9, channels);
    atLeast(p, "trainInstances", trainInstances, 1);
    atLeast(p, "validationInstances", validationInstances, 1);
    atLeast(p, "testInstances", testInstances, 1);
    notNull(p, "clickMatrixFile", clickMatrixFile);
    atLeast(p, "syntheticRank", syntheticRank, 1);
    above(p, "syntheticConcentration", syntheticConcentration, 0);
    inRange(p, "syntheticInstanceSpread", syntheticInstanceSpread, 0, 100);
    inRange(p, "syntheticOffsetMean", syntheticOffsetMean, -20, 20);
    atLeast(p, "solverIterations", solverIterations, 1);
    above(p, "solverStepSize", solverStepSize, 0);
    inRange(p, "solverMomentum", solverMomentum, 0, 0.999);
    return this;
  }

  /** The click-matrix source these settings describe. */
  public ClickMatrixSource source() {
    if (clickMatrixFile.isEmpty()) {
      return new SyntheticClickModel(syntheticRank, syntheticConcentration, syntheticInstanceSpread, syntheticOffsetMean);
    }
    return ClickMatrixFile.read(java.nio.file.Path.of(clickMatrixFile));
  }
}
