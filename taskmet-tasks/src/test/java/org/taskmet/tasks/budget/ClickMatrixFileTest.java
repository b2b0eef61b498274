package org.taskmet.tasks.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.conformance.InputFuzz;

/** The click-matrix loader's edge cases (issue 14) and its fuzz target. */
class ClickMatrixFileTest {
  /** Mutations tried by the fuzz target (plus its seeds). */
  static final int FUZZ_CASES = 400;

  @TempDir Path dir;
  private int files;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("clicks" + files++ + ".txt"), text);
  }

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    ClickMatrixFile m = ClickMatrixFile.read(file("\uFEFF0.1 0.2\n0.3 0.4\n"));
    assertThat(m.channels()).isEqualTo(2);
    assertThat(m.users()).isEqualTo(2);
  }

  @Test
  void onlyPlainDecimalsAreNumbers() throws IOException {
    for (String bad : new String[] {"0x1p-2", "0.5f", "1d", "NaN"}) {
      Path f = file("0.1 0.2\n0.3 " + bad + "\n");
      assertThatThrownBy(() -> ClickMatrixFile.read(f)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(f.toString()).hasMessageContaining("line 2")
          .hasMessageContaining("'" + bad + "' is not a decimal number");
    }
  }

  /** A 1×1 matrix, or any with one channel row or one value everywhere, is rejected when it is read. */
  @Test
  void matricesWhereNoDecisionIsBetterAreRejectedAtLoadTime() throws IOException {
    Path one = file("0.5\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(one)).hasMessageContaining(one.toString())
        .hasMessageContaining("1 channel row(s) x 1 users").hasMessageContaining("at least 2 channel rows");
    Path row = file("0.1 0.2 0.3\n\n0.3 0.2 0.1\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(row)).hasMessageContaining("at least 2 channel rows");
    Path constant = file("0.25, 0.25\n0.25, 0.25\n\n0.25 0.25\n0.25 0.25\n");
    assertThatThrownBy(() -> ClickMatrixFile.read(constant)).hasMessageContaining(constant.toString())
        .hasMessageContaining("every probability is 0.25");
    // one differing value is enough: that channel is the better one
    assertThat(ClickMatrixFile.read(file("0.25 0.25\n0.25 0.5\n")).draw(3, 5, 10, new SplittableRandom(1)))
        .hasSize(3);
  }

  /**
   * Fuzz: mutated click-matrix files (space- and comma-separated, with comments, blocks and a byte-order mark) load
   * as matrices of at least two channels of probabilities, or fail with an error that names the file.
   */
  @Test
  void mutatedClickMatrixFilesLoadOrNameTheFile() {
    String blocks = "# two 3x4 blocks\n0.1 0.2 0.3 0.4\n0.5 0.6 0.7 0.8\n0.9 1 0 0.05\n\n"
        + "0.4 0.3 0.2 0.1\n0.8 0.7 0.6 0.5\n0.05 0 1 0.9\n";
    String commas = "\uFEFF0.125, 0.25,0.5\n1e-1, .75, 1.0\n";
    int tried = InputFuzz.property("click matrix", FUZZ_CASES, InputFuzz.utf8(blocks, commas), (bytes, seed) -> {
      Path f = Files.write(dir.resolve("fuzz" + files++ % 4 + ".txt"), bytes);
      try {
        ClickMatrixFile m = ClickMatrixFile.read(f);
        assertThat(m.channels()).isGreaterThanOrEqualTo(2);
        for (double[] y : m.draw(2, 3, 2, new SplittableRandom(0))) {
          for (double v : y) {
            assertThat(v).isBetween(0.0, 1.0);
          }
        }
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("budget: ").contains(f.toString());
      }
    });
    assertThat(tried).isEqualTo(FUZZ_CASES + 2);
  }
}
