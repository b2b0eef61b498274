package org.taskmet.bench.mtl;

import java.util.List;
import org.taskmet.api.GradientAggregator;
import org.taskmet.core.mtl.aggregate.CaGradProvider;
import org.taskmet.core.mtl.aggregate.GroupDroProvider;
import org.taskmet.core.mtl.aggregate.ImtlGProvider;
import org.taskmet.core.mtl.aggregate.LinearScalarizationProvider;
import org.taskmet.core.mtl.aggregate.LookaheadDroProvider;
import org.taskmet.core.mtl.aggregate.MgdaProvider;
import org.taskmet.core.mtl.aggregate.NashMtlProvider;
import org.taskmet.core.mtl.aggregate.PcGradProvider;

/**
 * The aggregators of the MTL benchmarks, built from their plugin providers' default configs (the
 * reference values) with the per-benchmark overrides a run records: CAGrad's radius c and
 * Lookahead-DRO's knobs.
 */
public final class MtlMethods {
  /** Every built-in aggregator, in table order. */
  public static final List<String> ALL =
      List.of("ls", "group-dro", "lookahead-dro", "mgda", "pcgrad", "cagrad", "imtl-g", "nash-mtl");

  private MtlMethods() {}

  /**
   * A fresh aggregator.
   *
   * @param cagradC CAGrad's c
   * @param lookahead Lookahead-DRO's config (null for the provider's default)
   */
  public static GradientAggregator create(String name, double cagradC, LookaheadDroProvider.Config lookahead) {
    return switch (name) {
      case "ls" -> new LinearScalarizationProvider().create(new LinearScalarizationProvider().defaultConfig());
      case "group-dro" -> new GroupDroProvider().create(new GroupDroProvider().defaultConfig());
      case "lookahead-dro" -> new LookaheadDroProvider().create(
          lookahead != null ? lookahead : new LookaheadDroProvider().defaultConfig());
      case "mgda" -> new MgdaProvider().create(new MgdaProvider().defaultConfig());
      case "pcgrad" -> new PcGradProvider().create(new PcGradProvider().defaultConfig());
      case "cagrad" -> new CaGradProvider().create(new CaGradProvider.Config(cagradC,
          new CaGradProvider().defaultConfig().maxIterations()));
      case "imtl-g" -> new ImtlGProvider().create(new ImtlGProvider().defaultConfig());
      case "nash-mtl" -> new NashMtlProvider().create(new NashMtlProvider().defaultConfig());
      default -> throw new IllegalArgumentException("unknown aggregator '" + name + "'; expected one of " + ALL);
    };
  }

  /** Checks a user's method list. */
  public static List<String> validate(List<String> names) {
    for (String n : names) {
      if (!ALL.contains(n)) {
        throw new IllegalArgumentException("unknown aggregator '" + n + "'; expected one of " + ALL);
      }
    }
    return List.copyOf(names);
  }
}
