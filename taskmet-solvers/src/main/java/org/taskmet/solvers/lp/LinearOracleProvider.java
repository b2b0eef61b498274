package org.taskmet.solvers.lp;

import com.google.auto.service.AutoService;
import java.util.Locale;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/**
 * SOLVER plugin {@code linear-oracle}: linear objective over an oracle's feasible set with an oracle-only
 * gradient family ({@link LinearOracleSolver}).
 */
@AutoService(PluginProvider.class)
public final class LinearOracleProvider extends PluginProviderBase<Solver, LinearOracleProvider.Config> {
  private static final String NAME = "linear-oracle";

  /**
   * @param oracle {@code argmax} (unit vectors) or {@code finite-set} (rows of aux {@value FiniteSetOracle#CANDIDATES_AUX_KEY})
   * @param family {@code spo-plus}, {@code dpo}, {@code fenchel-young}, {@code dbb} or {@code nid}
   * @param noise {@code additive} or {@code multiplicative} (dpo, fenchel-young)
   * @param sigma perturbation scale (default 1.0)
   * @param samples perturbed oracle calls per solve (default 10)
   * @param dbbLambda DBB interpolation strength (default 10)
   */
  public record Config(String oracle, String family, String noise, double sigma, int samples, double dbbLambda) {}

  public LinearOracleProvider() {
    super(NAME, PluginKind.SOLVER,
        "linear objective over a black-box oracle with SPO+/DPO/Fenchel-Young/DBB/NID gradients", Config.class,
        new Config("argmax", "spo-plus", "additive", 1.0, 10, 10.0), LinearOracleProvider::build);
  }

  private static Solver build(Config config) {
    LinearOracle oracle = switch (String.valueOf(config.oracle())) {
      case "argmax" -> new ArgmaxOracle();
      case "finite-set" -> new FiniteSetOracle();
      default -> throw new IllegalArgumentException("linear-oracle: oracle='" + config.oracle()
          + "' is invalid, expected 'argmax' or 'finite-set'");
    };
    LinearOracleSolver.Family family = parse(LinearOracleSolver.Family.class, "family", config.family(),
        "'spo-plus', 'dpo', 'fenchel-young', 'dbb' or 'nid'");
    PerturbationNoise noise = parse(PerturbationNoise.class, "noise", config.noise(), "'additive' or 'multiplicative'");
    try {
      return new LinearOracleSolver(NAME, oracle, new LinearOracleSolver.Settings(family, noise, config.sigma(),
          config.samples(), config.dbbLambda()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("linear-oracle: " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, String accepted) {
    try {
      return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("linear-oracle: " + field + "='" + value + "' is invalid, expected " + accepted, e);
    }
  }
}
