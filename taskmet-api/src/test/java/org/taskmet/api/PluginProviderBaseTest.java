package org.taskmet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A provider in one expression, and the mistakes it reports. */
class PluginProviderBaseTest {
  record Scale(double factor) {}

  /** What a plugin jar writes: one constructor call. */
  public static final class ScaleProvider extends PluginProviderBase<GradientAggregator, Scale> {
    public ScaleProvider() {
      super("scale-sum", PluginKind.AGGREGATOR, "sum of task gradients times a factor", Scale.class, new Scale(2),
          c -> new GradientAggregator() {
            public String name() {
              return "scale-sum";
            }

            public Aggregation aggregate(Matrix g, double[] losses, java.util.random.RandomGenerator rng) {
              double[] d = new double[g.cols()];
              for (int k = 0; k < g.rows(); k++) {
                for (int j = 0; j < g.cols(); j++) {
                  d[j] += c.factor() * g.get(k, j);
                }
              }
              return new Aggregation(d, new double[g.rows()]);
            }

            public void reset() {}
          });
    }
  }

  @Test
  void aSubclassIsAProviderWithItsParts() {
    PluginProvider<GradientAggregator, Scale> p = new ScaleProvider();
    assertThat(p.name()).isEqualTo("scale-sum");
    assertThat(p.kind()).isEqualTo(PluginKind.AGGREGATOR);
    assertThat(p.configType()).isEqualTo(Scale.class);
    assertThat(p.defaultConfig()).isEqualTo(new Scale(2));
    Aggregation a = p.create(new Scale(3)).aggregate(Matrix.of(new double[][] {{1, 2}, {3, 4}}), new double[2], null);
    assertThat(a.direction()).containsExactly(12, 18);
    assertThat(p).hasToString("aggregator plugin 'scale-sum'");
  }

  @Test
  void ofBuildsTheSameAsAValue() {
    PluginProvider<Task, NoConfig> p = PluginProvider.of("none", PluginKind.TASK, "a task", NoConfig.class,
        new NoConfig(), c -> null);
    assertThat(p.name()).isEqualTo("none");
    assertThat(p.defaultConfig()).isEqualTo(new NoConfig());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void missingPartsAndAMismatchedDefaultAreNamed() {
    assertThatThrownBy(() -> PluginProvider.of("x", PluginKind.TASK, "d", NoConfig.class, null, c -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one of them is null");
    Class raw = Scale.class;
    assertThatThrownBy(() -> PluginProvider.of("x", PluginKind.TASK, "d", raw, new NoConfig(), c -> null))
        .hasMessageContaining("plugin 'x'").hasMessageContaining("not a " + Scale.class.getName());
  }
}
