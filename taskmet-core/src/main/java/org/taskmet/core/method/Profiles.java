package org.taskmet.core.method;

import java.util.List;

/**
 * The method settings of the {@code taskmet reproduce} profiles, per task and table row.
 *
 * <ul>
 *   <li>{@value #PAPER}: every method at its reference defaults (taskmet.md §1.6, §3.1), with the row's α.</li>
 *   <li>{@value #DEFAULT}: reduced iteration and sample counts chosen from measured wall times so that all
 *       3 tasks × 6 rows × {@link #seeds(String)} seeds finish in about 10 minutes on 2 cores; the
 *       measurements behind each value are in {@code BENCHMARKS.md} (section Tasks).</li>
 * </ul>
 * Task settings (data sizes) are the reference defaults in both profiles.
 */
public final class Profiles {
  /** The quick profile. */
  public static final String DEFAULT = "default";
  /** The reference settings. */
  public static final String PAPER = "paper";

  /**
   * One row of the published table.
   *
   * @param label the row's label in result files ({@code mse}, {@code dfl-0}, {@code dfl-10}, {@code lodl-0},
   *     {@code lodl-10}, {@code taskmet})
   * @param plugin the method plugin name
   * @param alpha the row's MSE weight α (0 where the method has none)
   */
  public record MethodRow(String label, String plugin, double alpha) {}

  private static final List<MethodRow> ROWS = List.of(
      new MethodRow("mse", MseMethod.NAME, 0),
      new MethodRow("dfl-0", DflMethod.NAME, 0),
      new MethodRow("dfl-10", DflMethod.NAME, 10),
      new MethodRow("lodl-0", LodlMethod.NAME, 0),
      new MethodRow("lodl-10", LodlMethod.NAME, 10),
      new MethodRow("taskmet", TaskmetMethod.NAME, 0));

  private Profiles() {}

  /** The six rows of the TaskMet paper's decision-focused table, in its order. */
  public static List<MethodRow> tableRows() {
    return ROWS;
  }

  /** Seeds per cell: 3 in the default profile, 5 in the paper profile. */
  public static int seeds(String profile) {
    return switch (check(profile)) {
      case PAPER -> 5;
      default -> 3;
    };
  }

  /**
   * The config record of {@code row}'s method for {@code task} in {@code profile} (an instance of the
   * method plugin's config type: {@link MseMethod.Config}, {@link DflMethod.Config}, {@link LodlMethod.Config}
   * or {@link TaskmetMethod.Config}).
   */
  public static Record methodConfig(String profile, String task, MethodRow row) {
    boolean paper = check(profile).equals(PAPER);
    return switch (row.plugin()) {
      case MseMethod.NAME -> paper ? MseMethod.Config.defaults() : quickMse(task);
      case DflMethod.NAME -> {
        DflMethod.Config d = DflMethod.Config.defaults();
        DflMethod.Config c = paper ? d : quickDfl(task);
        yield new DflMethod.Config(row.alpha(), c.iterations(), c.validationEvery(), c.patience(), c.batchSize(),
            c.learningRate());
      }
      case LodlMethod.NAME -> {
        LodlMethod.Config c = paper ? LodlMethod.Config.defaults() : quickLodl(task);
        yield new LodlMethod.Config(row.alpha(), c.samples(), c.samplingStd(), c.surrogateLearningRate(),
            c.surrogateIterations(), c.surrogatePatience(), c.optimalRestarts(), c.iterations(), c.validationEvery(),
            c.patience(), c.batchSize(), c.learningRate());
      }
      case TaskmetMethod.NAME -> paper ? TaskmetMethod.Config.defaults() : quickTaskmet(task);
      default -> throw new IllegalArgumentException("no profile settings for method plugin '" + row.plugin() + "'");
    };
  }

  /** The method of {@code row} for {@code task} in {@code profile}, ready to train. */
  public static org.taskmet.api.TrainingMethod method(String profile, String task, MethodRow row) {
    Record c = methodConfig(profile, task, row);
    if (c instanceof MseMethod.Config m) {
      return new MseMethod(m);
    } else if (c instanceof DflMethod.Config d) {
      return new DflMethod(d);
    } else if (c instanceof LodlMethod.Config l) {
      return new LodlMethod(l);
    }
    return new TaskmetMethod((TaskmetMethod.Config) c);
  }

  private static String check(String profile) {
    if (!PAPER.equals(profile) && !DEFAULT.equals(profile)) {
      throw new IllegalArgumentException("unknown profile '" + profile + "'; expected '" + DEFAULT + "' or '"
          + PAPER + "'");
    }
    return profile;
  }

  // Default-profile settings. Costs measured per trial (CPU seconds of one training run, one seed) are in
  // BENCHMARKS.md (section Tasks); the budget is ≈ 10 minutes for 3 tasks × 6 rows × 3 seeds on 2 cores.

  private static MseMethod.Config quickMse(String task) {
    return switch (task) {
      case "cubic" -> new MseMethod.Config(300, 10, 100, 0, 0);
      case "budget" -> new MseMethod.Config(150, 10, 100, 0, 0);
      default -> new MseMethod.Config(200, 10, 100, 20, 0);
    };
  }

  private static DflMethod.Config quickDfl(String task) {
    return switch (task) {
      case "cubic" -> new DflMethod.Config(0, 100, 10, 100, 20, 0);
      case "budget" -> new DflMethod.Config(0, 150, 10, 100, 0, 0);
      default -> new DflMethod.Config(0, 100, 10, 100, 20, 0);
    };
  }

  private static LodlMethod.Config quickLodl(String task) {
    return switch (task) {
      case "cubic" -> new LodlMethod.Config(0, 3000, 0, 0, 30, 25, 1, 300, 5, 200, 500, 0);
      case "budget" -> new LodlMethod.Config(0, 500, 0, 0, 100, 25, 3, 150, 5, 100, 500, 0);
      default -> new LodlMethod.Config(0, 50, 0, 0, 100, 25, 1, 100, 5, 100, 20, 0);
    };
  }

  private static TaskmetMethod.Config quickTaskmet(String task) {
    TaskmetMethod.Config d = TaskmetMethod.Config.defaults();
    return switch (task) {
      case "cubic" -> withBudget(d, 40, 500, 100, 0);
      case "budget" -> withBudget(d, 30, 100, 20, 0);
      default -> withBudget(d, 20, 100, 20, 20);
    };
  }

  private static TaskmetMethod.Config withBudget(
      TaskmetMethod.Config d, int outer, int firstInner, int inner, int outerBatch) {
    return new TaskmetMethod.Config(d.metric(), outer, firstInner, inner, d.innerBatchSize(), d.gradClip(),
        d.gradStopThreshold(), d.hypergradientBatchSize(), d.cgIterations(), d.cgRidge(), d.metricLearningRate(),
        outerBatch, d.predictorLearningRate(), d.validationEvery(), d.patience(), d.dflAlpha());
  }
}
