package org.taskmet.tasks.portfolio;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Real daily prices from a CSV file in long format, one row per (date, symbol), with a header naming
 * the columns {@code date}, {@code symbol}, the adjusted close ({@code adj_close}, {@code adjusted_close},
 * {@code adj close} or {@code close}) and optionally {@code volume} (case-insensitive, any column order;
 * volume is validated but not used).
 * Dates are ISO {@code yyyy-MM-dd}.
 *
 * <p>As in the reference, only symbols that have a price on every date of the file are kept; symbols
 * are ordered by name. Rows are validated: a bad date, non-numeric or non-positive price, negative
 * volume or a duplicate (date, symbol) is an error naming the file and line.
 *
 * @param file the CSV file
 */
public record PriceCsv(Path file) implements PriceSource {

  @Override
  public PriceHistory load(RandomGenerator rng) {
    TreeMap<LocalDate, Map<String, Double>> byDate = new TreeMap<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build().parse(in)) {
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
        if (!(close > 0)) {
          throw error(line, "adjusted close " + close + " of " + symbol + " is not a positive price");
        }
        if (columns.containsKey("volume")) {
          double volume = number(row, columns.get("volume"), line);
          if (!(volume >= 0)) {
            throw error(line, "volume " + volume + " of " + symbol + " is negative");
          }
        }
        if (byDate.computeIfAbsent(date, d -> new HashMap<>()).put(symbol, close) != null) {
          throw error(line, "duplicate row for date " + date + " and symbol " + symbol);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("portfolio: cannot read price file " + file + ": " + e, e);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("portfolio: price file " + file + " is not valid CSV: " + e.getMessage(), e);
    }
    if (byDate.isEmpty()) {
      throw new IllegalArgumentException("portfolio: price file " + file + " has no data rows");
    }
    TreeSet<String> complete = new TreeSet<>(byDate.firstEntry().getValue().keySet());
    for (Map<String, Double> day : byDate.values()) {
      complete.retainAll(day.keySet());
    }
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
    return new PriceHistory(symbols, close);
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
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw error(line, "column '" + column + "' value '" + v + "' is not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw error(line, "column '" + column + "' value '" + v + "' is not a number");
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
