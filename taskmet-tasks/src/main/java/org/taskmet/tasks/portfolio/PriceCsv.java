package org.taskmet.tasks.portfolio;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.taskmet.tasks.io.DataText;

/**
 * Real daily prices from a CSV file in long format, one row per (date, symbol), with a header naming
 * the columns {@code date}, {@code symbol}, the adjusted close ({@code adj_close}, {@code adjusted_close},
 * {@code adj close} or {@code close}) and optionally {@code volume} (case-insensitive, any column order;
 * volume is validated but not used). UTF-8, with or without a byte-order mark.
 * Dates are ISO {@code yyyy-MM-dd}; numbers are plain decimals ({@link DataText#decimal}).
 *
 * <p>As in the reference, only symbols that have a price on every date of the file are kept; symbols
 * are ordered by name. The symbols left out are logged as a warning, naming each and its first missing date.
 * Rows are validated: a bad date, a price that is not a number in
 * [{@link PriceHistory#MIN_FILE_PRICE}, {@link PriceHistory#MAX_FILE_PRICE}], a negative volume or a duplicate
 * (date, symbol) is an error naming the file and line.
 *
 * @param file the CSV file
 */
public record PriceCsv(Path file) implements PriceSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PriceCsv.class);
  /** Files whose left-out symbols were logged: a sweep loads the file once per trial, the warning is said once. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();
  /** Left-out symbols named one by one in the warning; the rest are counted. */
  private static final int NAMED_SYMBOLS = 10;

  @Override
  public PriceHistory load(RandomGenerator rng) {
    Prices prices = read();
    if (!prices.leftOut().isEmpty() && WARNED.add(file.toAbsolutePath())) {
      LOG.warn(prices.leftOutNotice(file));
    }
    return prices.history();
  }

  /**
   * The complete symbols' history, and the symbols left out with their first missing date.
   *
   * @param leftOut symbol → the first date of the file without its price
   * @param dates the file's dates
   */
  record Prices(PriceHistory history, Map<String, LocalDate> leftOut, int dates) {
    String leftOutNotice(Path file) {
      StringBuilder sb = new StringBuilder("portfolio: price file " + file + ": " + leftOut.size() + " of "
          + (leftOut.size() + history.symbolCount()) + " symbols lack a price on some of the " + dates
          + " dates and are left out (as the reference does): ");
      int named = 0;
      for (Map.Entry<String, LocalDate> e : leftOut.entrySet()) {
        if (named++ == NAMED_SYMBOLS) {
          sb.append(", and ").append(leftOut.size() - NAMED_SYMBOLS).append(" more");
          break;
        }
        sb.append(named == 1 ? "" : ", ").append(e.getKey()).append(" (no price on ").append(e.getValue()).append(')');
      }
      return sb.append("; remove their rows to use the others without this warning").toString();
    }
  }

  Prices read() {
    TreeMap<LocalDate, Map<String, Double>> byDate = new TreeMap<>();
    try (BufferedReader in = DataText.open(file); CSVParser parser = parser(in)) {
      Map<String, String> columns = columns(parser.getHeaderNames());
      for (CSVRecord row : parser) {
        long line = row.getRecordNumber() + 1;
        LocalDate date;
        try {
          date = LocalDate.parse(field(row, columns.get("date"), line));
        } catch (DateTimeParseException e) {
          throw error(line, "date '" + row.get(columns.get("date")) + "' is not an ISO date (yyyy-MM-dd)");
        }
        String symbol = field(row, columns.get("symbol"), line);
        double close = number(row, columns.get("close"), line);
        if (!PriceHistory.plausibleFilePrice(close)) {
          throw error(line, "adjusted close " + row.get(columns.get("close")) + " of " + symbol + " is not a price in "
              + PriceHistory.filePriceRange());
        }
        if (columns.containsKey("volume")) {
          double volume = number(row, columns.get("volume"), line);
          if (!(volume >= 0) || !Double.isFinite(volume)) {
            throw error(line, "volume " + row.get(columns.get("volume")) + " of " + symbol
                + " is not a finite number >= 0");
          }
        }
        if (byDate.computeIfAbsent(date, d -> new HashMap<>()).put(symbol, close) != null) {
          throw error(line, "duplicate row for date " + date + " and symbol " + symbol);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("portfolio: cannot read price file " + file + ": " + DataText.reason(e), e);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      String why = e.getCause() instanceof IOException io ? DataText.reason(io) : e.getMessage();
      throw new IllegalArgumentException("portfolio: price file " + file + " is not valid CSV: " + why, e);
    }
    if (byDate.isEmpty()) {
      throw new IllegalArgumentException("portfolio: price file " + file + " has no data rows");
    }
    TreeSet<String> complete = new TreeSet<>();
    byDate.values().forEach(day -> complete.addAll(day.keySet()));
    Map<String, LocalDate> leftOut = new TreeMap<>();
    for (Map.Entry<LocalDate, Map<String, Double>> day : byDate.entrySet()) {
      for (String s : complete) {
        if (!day.getValue().containsKey(s)) {
          leftOut.putIfAbsent(s, day.getKey());
        }
      }
    }
    complete.removeAll(leftOut.keySet());
    if (complete.isEmpty()) {
      throw new IllegalArgumentException("portfolio: price file " + file + " has no symbol with a price on all "
          + byDate.size() + " dates");
    }
    List<String> symbols = new ArrayList<>(complete);
    int n = symbols.size();
    double[] close = new double[byDate.size() * n];
    int t = 0;
    for (Map<String, Double> day : byDate.values()) {
      for (int s = 0; s < n; s++) {
        close[t * n + s] = day.get(symbols.get(s));
      }
      t++;
    }
    return new Prices(new PriceHistory(symbols, close), leftOut, byDate.size());
  }

  /** The CSV parser; a header commons-csv refuses (a duplicate or missing column name) is an error naming the file. */
  private CSVParser parser(BufferedReader in) throws IOException {
    try {
      // a column named twice is ambiguous: which one holds the prices?
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
          .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build().parse(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("portfolio: price file " + file + " line 1: invalid header: " + e.getMessage(),
          e);
    }
  }

  private Map<String, String> columns(List<String> header) {
    Map<String, String> out = new HashMap<>();
    for (String h : header) {
      String key = h.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
      switch (key) {
        case "date" -> out.put("date", h);
        case "symbol", "ticker" -> out.put("symbol", h);
        case "adj_close", "adjusted_close", "adjclose" -> out.put("close", h);
        case "close" -> out.putIfAbsent("close", h);
        case "volume" -> out.put("volume", h);
        default -> { }
      }
    }
    for (String need : List.of("date", "symbol", "close")) {
      if (!out.containsKey(need)) {
        throw new IllegalArgumentException("portfolio: price file " + file + " line 1: header " + header
            + " has no '" + (need.equals("close") ? "adj_close" : need) + "' column; expected date, symbol, "
            + "adj_close (or adjusted_close/close) and optionally volume");
      }
    }
    // a file with both close and adjusted close must use the adjusted one
    for (String h : header) {
      String key = h.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
      if (key.equals("adj_close") || key.equals("adjusted_close") || key.equals("adjclose")) {
        out.put("close", h);
      }
    }
    return out;
  }

  private String field(CSVRecord row, String column, long line) {
    if (!row.isSet(column)) {
      throw error(line, "missing column '" + column + "'");
    }
    String v = row.get(column);
    if (v.isEmpty()) {
      throw error(line, "empty value in column '" + column + "'");
    }
    return v;
  }

  private double number(CSVRecord row, String column, long line) {
    String v = field(row, column, line);
    try {
      return DataText.decimal(v);
    } catch (NumberFormatException e) {
      throw error(line, "column '" + column + "' value '" + v + "' is not a decimal number");
    }
  }

  private IllegalArgumentException error(long line, String what) {
    return new IllegalArgumentException("portfolio: price file " + file + ", line " + line + ": " + what);
  }

  @Override
  public String describe() {
    return "price CSV " + file;
  }
}
