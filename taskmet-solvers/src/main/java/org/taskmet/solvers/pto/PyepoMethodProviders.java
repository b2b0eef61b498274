package org.taskmet.solvers.pto;

import com.google.auto.service.AutoService;
import java.util.function.Function;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.TrainingMethod;
import org.taskmet.solvers.pto.PyepoMethod.Kind;
import org.taskmet.solvers.pto.PyepoMethod.Settings;

/**
 * The plugins of PyEPO's methods: {@code two-stage}, {@code spo-plus}, {@code pfyl}, {@code dbb}, {@code nid},
 * {@code dpo}. Defaults are the settings of PyEPO's notebook "03 Training and Testing" (20 epochs; the task's
 * batch size and learning rate — 32 and 1e-2 for shortest-path; 3 samples and σ = 1 for pfyl and dpo; λ = 20
 * for dbb).
 */
public final class PyepoMethodProviders {
  private PyepoMethodProviders() {}

  /**
   * Settings of two-stage, spo-plus and nid.
   *
   * @param epochs passes over the training set (20)
   * @param batchSize instances per step; 0 = the task's (32)
   * @param learningRate Adam learning rate; 0 = the task's (1e-2 on shortest-path)
   */
  public record EpochConfig(int epochs, int batchSize, double learningRate) {}

  /**
   * Settings of pfyl and dpo.
   *
   * @param epochs passes over the training set (20)
   * @param batchSize instances per step; 0 = the task's (32)
   * @param learningRate Adam learning rate; 0 = the task's
   * @param samples perturbed solves per instance (3)
   * @param sigma standard deviation σ of the additive Gaussian perturbation (1.0)
   */
  public record PerturbedConfig(int epochs, int batchSize, double learningRate, int samples, double sigma) {}

  /**
   * Settings of dbb.
   *
   * @param epochs passes over the training set (20)
   * @param batchSize instances per step; 0 = the task's (32)
   * @param learningRate Adam learning rate; 0 = the task's
   * @param lambda interpolation strength λ (20)
   */
  public record BlackBoxConfig(int epochs, int batchSize, double learningRate, double lambda) {}

  private static final int EPOCHS = 20;

  /** A provider from its method kind, description, config type, defaults and the settings its config gives. */
  abstract static class Base<C extends Record> extends PluginProviderBase<TrainingMethod, C> {
    Base(Kind kind, String description, Class<C> type, C defaults, Function<C, Settings> settings) {
      super(kind.pluginName(), PluginKind.METHOD, description, type, defaults,
          config -> new PyepoMethod(kind, settings.apply(config)));
    }
  }

  private static Settings epoch(EpochConfig c) {
    return new Settings(c.epochs(), c.batchSize(), c.learningRate(), 1, 1.0, 1.0);
  }

  /** The {@code two-stage} plugin. */
  @AutoService(PluginProvider.class)
  public static final class TwoStage extends Base<EpochConfig> {
    public TwoStage() {
      super(Kind.TWO_STAGE, "PyEPO two-stage: fit the predictions by MSE with PyEPO's epochs, keep the last epoch",
          EpochConfig.class, new EpochConfig(EPOCHS, 0, 0), PyepoMethodProviders::epoch);
    }
  }

  /** The {@code spo-plus} plugin. */
  @AutoService(PluginProvider.class)
  public static final class SpoPlus extends Base<EpochConfig> {
    public SpoPlus() {
      super(Kind.SPO_PLUS, "SPO+ (Elmachtoub & Grigas) as PyEPO's SPOPlus, for tasks linear in the predictions",
          EpochConfig.class, new EpochConfig(EPOCHS, 0, 0), PyepoMethodProviders::epoch);
    }
  }

  /** The {@code nid} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Nid extends Base<EpochConfig> {
    public Nid() {
      super(Kind.NID, "negative identity backpropagation with the L1 regret loss, as PyEPO's negativeIdentity",
          EpochConfig.class, new EpochConfig(EPOCHS, 0, 0), PyepoMethodProviders::epoch);
    }
  }

  /** The {@code pfyl} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Pfyl extends Base<PerturbedConfig> {
    public Pfyl() {
      super(Kind.PFYL, "perturbed Fenchel-Young loss (Berthet et al.) as PyEPO's perturbedFenchelYoung",
          PerturbedConfig.class, new PerturbedConfig(EPOCHS, 0, 0, 3, 1.0),
          c -> new Settings(c.epochs(), c.batchSize(), c.learningRate(), c.samples(), c.sigma(), 1.0));
    }
  }

  /** The {@code dpo} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Dpo extends Base<PerturbedConfig> {
    public Dpo() {
      super(Kind.DPO, "differentiable perturbed optimizer with the L1 decision loss, as PyEPO's perturbedOpt",
          PerturbedConfig.class, new PerturbedConfig(EPOCHS, 0, 0, 3, 1.0),
          c -> new Settings(c.epochs(), c.batchSize(), c.learningRate(), c.samples(), c.sigma(), 1.0));
    }
  }

  /** The {@code dbb} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Dbb extends Base<BlackBoxConfig> {
    public Dbb() {
      super(Kind.DBB, "differentiable black-box optimizer (Vlastelica et al.) with the L1 regret loss, as PyEPO's "
          + "blackboxOpt", BlackBoxConfig.class, new BlackBoxConfig(EPOCHS, 0, 0, 20),
          c -> new Settings(c.epochs(), c.batchSize(), c.learningRate(), 1, 1.0, c.lambda()));
    }
  }
}
