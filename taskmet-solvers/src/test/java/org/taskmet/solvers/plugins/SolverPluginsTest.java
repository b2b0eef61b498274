package org.taskmet.solvers.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;
import org.taskmet.solvers.lp.LinearOracleProvider;
import org.taskmet.solvers.qp.PortfolioQpProvider;
import org.taskmet.solvers.simplex.CappedSimplexAscentProvider;
import org.taskmet.solvers.topk.SoftTopKProvider;

class SolverPluginsTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<String, PluginProvider<Solver, Record>> solvers() {
    Map<String, PluginProvider<Solver, Record>> byName = new TreeMap<>();
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      if (p.kind() == PluginKind.SOLVER) {
        assertThat(byName.put(p.name(), p)).as("duplicate name %s", p.name()).isNull();
      }
    }
    return byName;
  }

  @Test
  void everySolverIsDiscoveredAndBuildsFromItsDefaultConfig() {
    Map<String, PluginProvider<Solver, Record>> all = solvers();
    assertThat(all.keySet()).containsExactly("capped-simplex-ascent", "capped-simplex-projection", "dense-qp",
        "hard-topk", "linear-oracle", "portfolio-qp", "soft-topk");
    for (var e : all.entrySet()) {
      PluginProvider<Solver, Record> p = e.getValue();
      assertThat(p.name()).matches("[a-z][a-z0-9-]*");
      assertThat(p.defaultConfig()).isInstanceOf(p.configType());
      Solver s = p.create(p.defaultConfig());
      assertThat(s.name()).isEqualTo(e.getKey());
    }
  }

  @Test
  void defaultsAreTheReferenceValues() {
    assertThat(new SoftTopKProvider().defaultConfig()).isEqualTo(new SoftTopKProvider.Config(1, 0.01, 200, 0.0));
    assertThat(new CappedSimplexAscentProvider().defaultConfig())
        .isEqualTo(new CappedSimplexAscentProvider.Config("coverage", 2.0, 100, 0.1, 0.9, "random", 0.01, 1e-6));
    assertThat(new PortfolioQpProvider().defaultConfig().alpha()).isEqualTo(0.1);
  }

  @Test
  void invalidConfigsNameTheFieldAndValue() {
    assertThatThrownBy(() -> new SoftTopKProvider().create(new SoftTopKProvider.Config(1, -1, 200, 0)))
        .hasMessageContaining("soft-topk").hasMessageContaining("epsilon").hasMessageContaining("-1");
    assertThatThrownBy(() -> new CappedSimplexAscentProvider().create(
        new CappedSimplexAscentProvider.Config("coverage", 2, 100, 0.1, 1.5, "random", 0.01, 1e-6)))
        .hasMessageContaining("momentum").hasMessageContaining("1.5");
    assertThatThrownBy(() -> new CappedSimplexAscentProvider().create(
        new CappedSimplexAscentProvider.Config("coverage", 2, 100, 0.1, 0.9, "sideways", 0.01, 1e-6)))
        .hasMessageContaining("start='sideways'");
    assertThatThrownBy(() -> new PortfolioQpProvider().create(new PortfolioQpProvider.Config(0.1, "sigma", false, "active-set", 100, 1e-10)))
        .hasMessageContaining("quadraticForm='sigma'");
    assertThatThrownBy(() -> new LinearOracleProvider().create(
        new LinearOracleProvider.Config("argmax", "magic", "additive", 1, 10, 10)))
        .hasMessageContaining("family='magic'");
    assertThatThrownBy(() -> new LinearOracleProvider().create(
        new LinearOracleProvider.Config("argmax", "dpo", "additive", 1, 0, 10)))
        .hasMessageContaining("samples").hasMessageContaining("0");
  }
}
