package org.taskmet.tasks.portfolio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.taskmet.tasks.rdata.RDataFiles;
import org.taskmet.tasks.rdata.RObject;
import org.taskmet.tasks.rdata.RPackageFiles;

/**
 * Real S&amp;P 500 prices from Debian's {@code r-cran-huge} package: {@code huge/data/stockdata.rda}, daily
 * closes of 452 stocks over 1258 trading days (2003–2007, source Yahoo; no dates are stored), with ticker,
 * GICS sector and company name per stock. Read directly from the file (no R needed, {@link RDataFiles}).
 *
 * <p>The closes are not split-adjusted; {@link SplitAdjustment} back-adjusts them (about 200 splits). The
 * 1258 days cover the reference's 365-day feature warm-up, 800 instance days and 10 forward days. Symbols
 * are the tickers, in the file's order.
 *
 * @param file the {@code stockdata.rda} file
 */
public record HugeStockdata(Path file) implements PriceSource {
  /** The R package and the file inside it. */
  static final String PACKAGE = "huge";
  static final String RELATIVE = "data/stockdata.rda";

  /** The installed file, when r-cran-huge is installed. */
  public static java.util.Optional<Path> installed() {
    return RPackageFiles.find(PACKAGE, RELATIVE);
  }

  /** The installed file, or the Debian location (which then fails to load with the install hint). */
  public static HugeStockdata installedOrExpected() {
    return new HugeStockdata(installed().orElse(RPackageFiles.debianLocation(PACKAGE, RELATIVE)));
  }

  /** Loaded histories by file (read-only once built): every trial of a sweep loads the same file. */
  private static final Map<String, PriceHistory> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public PriceHistory load(RandomGenerator rng) {
    if (!Files.isRegularFile(file)) {
      read(); // the error naming the file and the install command
    }
    return LOADED.computeIfAbsent(RPackageFiles.cacheKey(file), k -> {
      Raw raw = read();
      SplitAdjustment.Result adjusted = SplitAdjustment.adjust(raw.close, raw.days, raw.tickers.size());
      return new PriceHistory(raw.tickers, adjusted.close());
    });
  }

  /** The unadjusted closes (days × stocks, row-major) and tickers, validated. */
  record Raw(List<String> tickers, double[] close, int days, List<String> sectors) {}

  Raw read() {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("portfolio: the S&P 500 price file " + file + " does not exist; install it "
          + "with '" + RPackageFiles.installCommand(PACKAGE) + "' (or set the task's priceFile, or data=synthetic)");
    }
    Map<String, RObject> objects;
    try {
      objects = RDataFiles.readRda(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("portfolio: cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("portfolio: " + e.getMessage() + "; reinstall it with '"
          + RPackageFiles.installCommand(PACKAGE) + "'", e);
    }
    if (!(objects.get("stockdata") instanceof RObject.GenericVector list)) {
      throw malformed("holds no list 'stockdata' (objects: " + objects.keySet() + ")");
    }
    if (!(list.get("data").orElse(null) instanceof RObject.Doubles data) || data.dim() == null || data.dim().length != 2) {
      throw malformed("'stockdata$data' is not a double matrix");
    }
    int days = data.dim()[0];
    int stocks = data.dim()[1];
    // a damaged file can state dimensions that do not match its data: checked before they index anything
    if (days < 1 || stocks < 1 || (long) days * stocks != data.values().length) {
      throw malformed("'stockdata$data' has dimensions " + days + " x " + stocks + " but " + data.values().length
          + " values");
    }
    if (!(list.get("info").orElse(null) instanceof RObject.Strings info) || !Arrays.equals(info.dim(), new int[] {stocks, 3})
        || info.values().length != 3 * stocks) {
      throw malformed("'stockdata$info' is not a " + stocks + " x 3 character matrix (ticker, sector, name)");
    }
    // R stores matrices column-major (one stock after the other); PriceHistory is days × stocks row-major
    double[] close = new double[days * stocks];
    for (int s = 0; s < stocks; s++) {
      for (int t = 0; t < days; t++) {
        double v = data.values()[s * days + t];
        if (!PriceHistory.plausibleFilePrice(v)) {
          throw malformed("price of stock " + (s + 1) + " (" + info.values()[s] + ") on day " + (t + 1) + " is " + v
              + ", expected a price in " + PriceHistory.filePriceRange());
        }
        close[t * stocks + s] = v;
      }
    }
    List<String> tickers = Arrays.asList(Arrays.copyOfRange(info.values(), 0, stocks));
    List<String> sectors = Arrays.asList(Arrays.copyOfRange(info.values(), stocks, 2 * stocks));
    if (tickers.contains(null)) {
      throw malformed("a ticker in 'stockdata$info' is NA");
    }
    return new Raw(tickers, close, days, sectors);
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("portfolio: " + file + " is not huge's stockdata: " + what + "; reinstall it "
        + "with '" + RPackageFiles.installCommand(PACKAGE) + "'");
  }

  @Override
  public String describe() {
    return "S&P 500 daily closes 2003-2007 (r-cran-huge " + file + ", split-adjusted)";
  }
}
