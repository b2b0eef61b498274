package org.taskmet.tasks.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Task;
import org.taskmet.conformance.InputFuzz;
import org.taskmet.tasks.rdata.RStreamWriter;

class HugeStockdataTest {
  /** Mutations tried by the fuzz target (plus its seeds). */
  static final int FUZZ_CASES = 400;
  /** Allocation allowed per fuzz case besides 64 bytes per input byte. */
  static final long FUZZ_ALLOCATION_SLACK = 16L << 20;

  @TempDir Path dir;

  /** Random-walk closes (days × stocks, row-major) with daily moves of at most ±3 %. */
  private static double[] walk(int days, int stocks, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[days * stocks];
    for (int s = 0; s < stocks; s++) {
      double v = 20 + 80 * rng.nextDouble();
      for (int t = 0; t < days; t++) {
        if (t > 0) {
          v *= 1 + 0.03 * (2 * rng.nextDouble() - 1);
        }
        p[t * stocks + s] = v;
      }
    }
    return p;
  }

  /** Divides prices from {@code day} on by {@code 1/factor}: what a split does to unadjusted closes. */
  private static void split(double[] p, int stocks, int stock, int day, double factor) {
    for (int t = day; t < p.length / stocks; t++) {
      p[t * stocks + stock] *= factor;
    }
  }

  @Test
  void splitsAreFoundAndBackAdjustedButCrashesAndGlitchesAreNot() {
    int days = 60;
    int stocks = 4;
    double[] truth = walk(days, stocks, 3);
    // a 42 % crash on stock 3, day 40: a real move, outside every split window
    for (int t = 40; t < days; t++) {
      truth[t * stocks + 3] *= 0.58;
    }
    double[] raw = truth.clone();
    split(raw, stocks, 0, 10, 0.5); // 2:1
    split(raw, stocks, 0, 30, 2.0 / 3); // 3:2 on the same stock
    split(raw, stocks, 1, 20, 8); // 1:8 reverse split
    raw[50 * stocks + 2] *= 0.5; // a one-day glitch: halved on day 50 only

    SplitAdjustment.Result r = SplitAdjustment.adjust(raw, days, stocks);

    assertThat(r.splits()).extracting(SplitAdjustment.Split::symbol, SplitAdjustment.Split::day,
        SplitAdjustment.Split::factor).containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 10, 0.5), org.assertj.core.groups.Tuple.tuple(0, 30, 2.0 / 3),
            org.assertj.core.groups.Tuple.tuple(1, 20, 8.0));
    for (int s = 0; s < 3; s++) {
      for (int t = 1; t < days; t++) {
        if (s == 2 && (t == 50 || t == 51)) {
          continue;
        }
        double adjustedReturn = r.close()[t * stocks + s] / r.close()[(t - 1) * stocks + s];
        double trueReturn = truth[t * stocks + s] / truth[(t - 1) * stocks + s];
        assertThat(adjustedReturn).as("stock %d day %d", s, t).isCloseTo(trueReturn, offset(1e-12));
      }
    }
    // the crash stays a crash, and the latest prices keep their quoted scale
    assertThat(r.close()[40 * stocks + 3] / r.close()[39 * stocks + 3]).isLessThan(0.6);
    assertThat(r.close()[(days - 1) * stocks]).isEqualTo(raw[(days - 1) * stocks]);
  }

  /** A stockdata.rda in the package's layout: list(data = days × stocks matrix, info = stocks × 3 matrix). */
  static Path writeStockdata(Path file, double[] rowMajor, int days, int stocks, int infoRows) throws IOException {
    return RStreamWriter.writeRda(file, stockdataStream(columnMajor(rowMajor, days, stocks), new int[] {days, stocks},
        infoRows), "bzip2");
  }

  /** Days × stocks prices as R stores a matrix: one stock after the other. */
  private static double[] columnMajor(double[] rowMajor, int days, int stocks) {
    double[] out = new double[days * stocks];
    for (int t = 0; t < days; t++) {
      for (int s = 0; s < stocks; s++) {
        out[s * days + t] = rowMajor[t * stocks + s];
      }
    }
    return out;
  }

  /** The serialization stream of a stockdata.rda whose data matrix has the (possibly lying) dimensions {@code dim}. */
  static byte[] stockdataStream(double[] columnMajor, int[] dim, int infoRows) {
    String[] info = new String[infoRows * 3];
    for (int s = 0; s < infoRows; s++) {
      info[s] = "T" + s;
      info[infoRows + s] = s % 2 == 0 ? "Energy" : "Utilities";
      info[2 * infoRows + s] = "Company " + s;
    }
    RStreamWriter w = RStreamWriter.version2();
    Map<String, Runnable> list = new LinkedHashMap<>();
    list.put("data", () -> w.doubles(columnMajor, Map.of("dim", () -> w.integers(dim, Map.of()))));
    list.put("info", () -> w.strings(info, Map.of("dim", () -> w.integers(new int[] {infoRows, 3}, Map.of()))));
    w.pairList(Map.of("stockdata", () -> w.namedList(list, Map.of())));
    return w.bytes();
  }

  /** Regression (issue 14): prices of 1e300 or 1e-320 fail when the file is read, naming it, the stock and the day. */
  @Test
  void implausiblePricesNameTheFileStockAndDay() throws IOException {
    for (double bad : new double[] {1e300, 1e-320}) {
      double[] p = walk(5, 3, 1);
      p[2 * 3] = bad;
      Path f = writeStockdata(dir.resolve("bad" + bad + ".rda"), p, 5, 3, 3);
      assertThatThrownBy(() -> new HugeStockdata(f).read()).hasMessageContaining(f.toString())
          .hasMessageContaining("stock 1 (T0) on day 3 is " + bad).hasMessageContaining("[1.0E-8, 1.0E12]");
    }
  }

  /**
   * Regression (issue 14): a data matrix whose dim attribute claims 100000 x 100000 over 15 values is an error
   * naming the file, not an 80 GB allocation.
   */
  @Test
  void dimensionsThatDoNotMatchTheDataAreAnError() throws IOException {
    Path f = RStreamWriter.writeRda(dir.resolve("lying.rda"),
        stockdataStream(new double[15], new int[] {100_000, 100_000}, 3), "none");
    assertThatThrownBy(() -> new HugeStockdata(f).read()).hasMessageContaining(f.toString())
        .hasMessageContaining("dimensions 100000 x 100000 but 15 values");
  }

  /**
   * Fuzz: mutated stockdata files (uncompressed, so that most mutations reach the R reader, and bzip2) load as valid
   * prices or fail with an error naming the file, allocating at most {@value #FUZZ_ALLOCATION_SLACK} bytes plus
   * 64 per input byte (bzip2 decoding alone takes 4 MB).
   */
  @Test
  void mutatedStockdataFilesLoadOrNameTheFile() throws IOException {
    byte[] stream = stockdataStream(columnMajor(walk(20, 3, 5), 20, 3), new int[] {20, 3}, 3);
    List<byte[]> seeds = new ArrayList<>();
    for (String compression : List.of("none", "bzip2")) {
      Path seed = RStreamWriter.writeRda(dir.resolve("seed-" + compression + ".rda"), stream, compression);
      seeds.add(Files.readAllBytes(seed));
    }
    int[] count = {0};
    int tried = InputFuzz.property("stockdata file", FUZZ_CASES, seeds, (bytes, seed) -> {
      Path f = Files.write(dir.resolve("fuzz" + count[0]++ % 4 + ".rda"), bytes);
      long allocated = InputFuzz.allocatedBytes(() -> {
        try {
          HugeStockdata.Raw raw = new HugeStockdata(f).read();
          assertThat(Arrays.stream(raw.close()).allMatch(PriceHistory::plausibleFilePrice)).isTrue();
          assertThat(raw.close()).hasSize(raw.days() * raw.tickers().size());
        } catch (IllegalArgumentException e) {
          assertThat(e.getMessage()).startsWith("portfolio: ").contains(f.toString());
        }
      });
      assertThat(allocated).as("bytes allocated").isLessThan(FUZZ_ALLOCATION_SLACK + 64L * bytes.length);
    });
    assertThat(tried).isEqualTo(FUZZ_CASES + 2);
  }

  private static PortfolioConfig smallOn(String data, String file) {
    PortfolioConfig d = PortfolioConfig.defaults();
    return new PortfolioConfig(4, 0.1, 0.1, 6, 4, 5, data, file, d.marketSymbols(), d.marketDays(), d.marketFactors(),
        d.marketFactorVol(), d.marketIdioVol(), d.marketReversal(), d.marketMomentum());
  }

  @Test
  void theTaskRunsOnAStockdataFileWithSplitsAdjusted() throws IOException {
    int days = 400;
    int stocks = 5;
    double[] truth = walk(days, stocks, 11);
    double[] raw = truth.clone();
    split(raw, stocks, 2, 370, 0.5);
    Path f = writeStockdata(dir.resolve("stockdata.rda"), raw, days, stocks, stocks);

    PriceHistory h = new HugeStockdata(f).load(null);
    assertThat(h.symbols()).containsExactly("T0", "T1", "T2", "T3", "T4");
    assertThat(h.days()).isEqualTo(days);
    assertThat(h.close(370, 2) / h.close(369, 2)).isCloseTo(truth[370 * stocks + 2] / truth[369 * stocks + 2],
        offset(1e-12));

    Task task = new PortfolioTaskProvider().create(smallOn("stockdata", f.toString()));
    assertThat(task.dataLabel()).isEqualTo("stockdata");
    DataSplits s = task.generate(2);
    assertThat(s.train().size()).isEqualTo(6);
    assertThat(s.test().size()).isEqualTo(5);
    // next-day returns are the true returns, never a split ratio
    for (var in : s.train().instances()) {
      for (double y : in.targets().data()) {
        assertThat(Math.abs(y)).isLessThanOrEqualTo(0.03 + 1e-12);
      }
    }
  }

  @Test
  void aMissingOrMalformedFileIsAnErrorNamingItAndTheInstallCommand() throws IOException {
    Path missing = dir.resolve("nope/stockdata.rda");
    assertThatThrownBy(() -> new HugeStockdata(missing).load(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString()).hasMessageContaining("apt-get install r-cran-huge");

    Path wrongInfo = writeStockdata(dir.resolve("a.rda"), walk(5, 3, 1), 5, 3, 2);
    assertThatThrownBy(() -> new HugeStockdata(wrongInfo).load(null)).hasMessageContaining(wrongInfo.toString())
        .hasMessageContaining("3 x 3 character matrix").hasMessageContaining("apt-get install r-cran-huge");

    double[] p = walk(5, 3, 1);
    p[3 * 3 + 1] = -1;
    Path negative = writeStockdata(dir.resolve("b.rda"), p, 5, 3, 3);
    assertThatThrownBy(() -> new HugeStockdata(negative).load(null)).hasMessageContaining("stock 2 (T1) on day 4");

    Path text = Files.writeString(dir.resolve("c.rda"), "not R data");
    assertThatThrownBy(() -> new HugeStockdata(text).load(null)).hasMessageContaining(text.toString())
        .hasMessageContaining("not an R data file");
  }

  @Test
  void dataChoiceIsValidatedAndAutoPicksTheInstalledPackage() {
    assertThatThrownBy(() -> smallOn("yahoo", "").validate()).hasMessageContaining("'data'")
        .hasMessageContaining("stockdata, synthetic, csv");
    assertThatThrownBy(() -> smallOn("csv", "").validate()).hasMessageContaining("priceFile");
    assertThat(smallOn("auto", "x.csv").resolvedData()).isEqualTo("csv");
    assertThat(smallOn("auto", "").resolvedData())
        .isEqualTo(HugeStockdata.installed().isPresent() ? "stockdata" : "synthetic");
    assertThat(smallOn("synthetic", "").source()).isInstanceOf(SyntheticMarket.class);
  }

  /** The installed package's file (CI installs r-cran-huge): every split-sized ratio is explained. */
  @Test
  void theInstalledFileLoadsWithItsSplitsAdjusted() {
    assumeTrue(HugeStockdata.installed().isPresent(), "r-cran-huge is not installed");
    HugeStockdata source = HugeStockdata.installedOrExpected();
    HugeStockdata.Raw raw = source.read();
    assertThat(raw.tickers()).hasSize(452);
    assertThat(raw.days()).isEqualTo(1258);
    SplitAdjustment.Result adjusted = SplitAdjustment.adjust(raw.close(), raw.days(), 452);
    int before = extremeRatios(raw.close(), raw.days(), 452);
    int after = extremeRatios(adjusted.close(), raw.days(), 452);
    // the reference notes count about 200 split-like ratios; what remains are genuine crashes and spin-offs
    assertThat(before).isGreaterThan(150);
    assertThat(after).isLessThan(before / 10);
    Task task = new PortfolioTaskProvider().create(PortfolioConfig.defaults());
    DataSplits s = task.generate(0);
    assertThat(List.of(s.train().size(), s.validation().size(), s.test().size())).containsExactly(200, 200, 400);
  }

  private static int extremeRatios(double[] close, int days, int stocks) {
    int n = 0;
    for (int t = 1; t < days; t++) {
      for (int s = 0; s < stocks; s++) {
        double r = close[t * stocks + s] / close[(t - 1) * stocks + s];
        if (r < 0.6 || r > 1.6) {
          n++;
        }
      }
    }
    return n;
  }
}
