package org.taskmet.tasks.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.conformance.InputFuzz;

/** The price CSV loader's edge cases (issue 14) and its fuzz target. */
class PriceCsvTest {
  /** Mutations tried by the fuzz target (plus its seeds). */
  static final int FUZZ_CASES = 400;

  @TempDir Path dir;
  private int files;

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("prices" + files++ + ".csv"), text);
  }

  private static final String HEADER = "date,symbol,adj_close,volume\n";

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path f = csv("\uFEFF" + HEADER + "2010-01-04,AAA,10.5,100\n2010-01-04,BBB,20,100\n");
    PriceHistory h = new PriceCsv(f).load(null);
    assertThat(h.symbols()).containsExactly("AAA", "BBB");
    assertThat(h.close(0, 1)).isEqualTo(20);
  }

  @Test
  void pricesOutsideThePlausibleRangeNameTheFileAndLine() throws IOException {
    for (String bad : new String[] {"1e300", "1e-320", "1e400", "0"}) {
      Path f = csv(HEADER + "2010-01-04,AAA,10.5,100\n2010-01-05,AAA," + bad + ",100\n");
      assertThatThrownBy(() -> new PriceCsv(f).load(null)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(f.toString()).hasMessageContaining("line 3").hasMessageContaining(bad)
          .hasMessageContaining("[1.0E-8, 1.0E12]");
    }
  }

  @Test
  void onlyPlainDecimalsAreNumbers() throws IOException {
    for (String bad : new String[] {"0x1p-2", "0.5f", "1d", "NaN", "Infinity", "1,5"}) {
      Path f = csv(HEADER + "2010-01-04,AAA,\"" + bad + "\",100\n");
      assertThatThrownBy(() -> new PriceCsv(f).load(null)).as(bad).hasMessageContaining(f.toString())
          .hasMessageContaining("line 2").hasMessageContaining("'" + bad + "' is not a decimal number");
    }
    Path volume = csv(HEADER + "2010-01-04,AAA,10,0x10\n");
    assertThatThrownBy(() -> new PriceCsv(volume).load(null)).hasMessageContaining("'0x10' is not a decimal number");
    Path fine = csv(HEADER + "2010-01-04,AAA,+.5,1e3\n2010-01-04,BBB,12.,0\n");
    assertThat(new PriceCsv(fine).load(null).close(0, 0)).isEqualTo(0.5);
  }

  @Test
  void aSymbolMissingADayIsLeftOutWithANoticeNamingItAndTheDate() throws IOException {
    Path f = csv(HEADER + "2010-01-04,AAA,10,1\n2010-01-04,BBB,20,1\n2010-01-04,CCC,30,1\n"
        + "2010-01-05,AAA,11,1\n2010-01-05,CCC,31,1\n2010-01-06,AAA,12,1\n2010-01-06,BBB,22,1\n2010-01-06,CCC,32,1\n");
    PriceCsv.Prices prices = new PriceCsv(f).read();
    assertThat(prices.history().symbols()).containsExactly("AAA", "CCC");
    assertThat(prices.leftOut()).isEqualTo(Map.of("BBB", LocalDate.of(2010, 1, 5)));
    assertThat(prices.leftOutNotice(f)).contains(f.toString()).contains("1 of 3 symbols")
        .contains("BBB (no price on 2010-01-05)");
    assertThat(new PriceCsv(f).load(null).symbols()).containsExactly("AAA", "CCC");
  }

  @Test
  void aHeaderCommonsCsvRefusesNamesTheFile() throws IOException {
    Path f = csv("date,symbol,adj_close,date\n2010-01-04,AAA,10,x\n");
    assertThatThrownBy(() -> new PriceCsv(f).load(null)).hasMessageContaining(f.toString())
        .hasMessageContaining("line 1").hasMessageContaining("header");
  }

  /**
   * Fuzz: mutated price files (a plain one and one with a byte-order mark, quotes and other column names) load
   * with every price in the accepted range, or fail with an error that names the file.
   */
  @Test
  void mutatedPriceFilesLoadOrNameTheFile() {
    String plain = HEADER + "2010-01-04,AAA,10.5,100\n2010-01-04,BBB,20,0\n2010-01-05,AAA,10.25,7\n"
        + "2010-01-05,BBB,19.5,3\n";
    String spreadsheet = "\uFEFFTicker,Date,Adj Close,Close\n\"AAA\",2010-01-04,1.5e1,15\nAAA,2010-01-05,16,16\n";
    int tried = InputFuzz.property("price CSV", FUZZ_CASES, InputFuzz.utf8(plain, spreadsheet), (bytes, seed) -> {
      Path f = Files.write(dir.resolve("fuzz" + files++ % 4 + ".csv"), bytes);
      try {
        PriceHistory h = new PriceCsv(f).load(null);
        assertThat(java.util.Arrays.stream(h.close()).allMatch(PriceHistory::plausibleFilePrice)).isTrue();
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("portfolio: ").contains(f.toString());
      }
    });
    assertThat(tried).isEqualTo(FUZZ_CASES + 2);
  }
}
