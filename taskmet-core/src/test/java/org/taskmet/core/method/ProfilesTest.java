package org.taskmet.core.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfilesTest {
  @Test
  void paperProfileIsTheReferenceDefaultsWithTheRowsAlpha() {
    assertThat(Profiles.tableRows()).extracting(Profiles.MethodRow::label)
        .containsExactly("mse", "dfl-0", "dfl-10", "lodl-0", "lodl-10", "taskmet");
    for (String task : new String[] {"cubic", "budget", "portfolio"}) {
      assertThat(Profiles.methodConfig(Profiles.PAPER, task, Profiles.tableRows().get(0)))
          .isEqualTo(MseMethod.Config.defaults());
      assertThat(Profiles.methodConfig(Profiles.PAPER, task, Profiles.tableRows().get(2)))
          .isEqualTo(new DflMethod.Config(10, 1000, 10, 100, 0, 0));
      LodlMethod.Config lodl = (LodlMethod.Config) Profiles.methodConfig(Profiles.PAPER, task,
          Profiles.tableRows().get(4));
      assertThat(lodl.alpha()).isEqualTo(10);
      assertThat(lodl.samples()).isEqualTo(5000);
      assertThat(Profiles.methodConfig(Profiles.PAPER, task, Profiles.tableRows().get(5)))
          .isEqualTo(TaskmetMethod.Config.defaults());
    }
  }

  @Test
  void defaultProfileKeepsTheRowsAlphaAndValidConfigs() {
    for (String task : new String[] {"cubic", "budget", "portfolio"}) {
      for (Profiles.MethodRow row : Profiles.tableRows()) {
        Record c = Profiles.methodConfig(Profiles.DEFAULT, task, row);
        if (c instanceof DflMethod.Config d) {
          assertThat(d.alpha()).isEqualTo(row.alpha());
          new DflMethod(d);
        } else if (c instanceof LodlMethod.Config l) {
          assertThat(l.alpha()).isEqualTo(row.alpha());
          new LodlMethod(l);
        } else if (c instanceof MseMethod.Config m) {
          new MseMethod(m);
        } else {
          assertThat(((TaskmetMethod.Config) c).validate().outerIterations()).isLessThan(1000);
        }
      }
    }
    assertThatThrownBy(() -> Profiles.seeds("fast")).hasMessageContaining("'fast'");
  }
}
