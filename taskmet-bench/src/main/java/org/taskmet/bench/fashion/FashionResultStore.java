package org.taskmet.bench.fashion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result files of a Fashion benchmark run, in one output directory:
 * <ul>
 *   <li>{@code trials.jsonl}: one JSON object per finished trial ({@link FashionTrialRecord});</li>
 *   <li>{@code trials.csv}: the same, one row per trial, per-task accuracies as {@code acc:<task>} columns
 *       joined with {@code ;} (the task count differs between benchmarks);</li>
 *   <li>{@code weights-<benchmark>-<method>-<flatness>-seed<seed>.csv}: the task-weight trajectory.</li>
 * </ul>
 * Each trial is appended and flushed when it finishes, so an interrupted run keeps every finished trial;
 * {@link #finishedTrials()} reads them back for resuming.
 */
public final class FashionResultStore {
  private static final Logger LOG = LoggerFactory.getLogger(FashionResultStore.class);
  private static final String CSV_HEADER =
      "benchmark,method,flatness,seed,average_accuracy,worst_accuracy,worst_task,steps,train_seconds,ms_per_step,"
          + "task_names,task_accuracy,final_task_weights";

  private final Path directory;
  private final ObjectMapper json = new ObjectMapper();

  public FashionResultStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory " + directory + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Path jsonFile() {
    return directory.resolve("trials.jsonl");
  }

  public Path csvFile() {
    return directory.resolve("trials.csv");
  }

  /** Deletes the trial files of an earlier run in this directory (a fresh, non-resumed run). */
  public void clear() {
    try {
      Files.deleteIfExists(jsonFile());
      Files.deleteIfExists(csvFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one finished trial to both files and flushes them. */
  public synchronized void append(FashionTrialRecord r) {
    try {
      boolean newCsv = !Files.exists(csvFile());
      try (BufferedWriter w = Files.newBufferedWriter(csvFile(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        if (newCsv) {
          w.write(CSV_HEADER);
          w.newLine();
        }
        w.write(csvRow(r));
        w.newLine();
      }
      try (BufferedWriter w = Files.newBufferedWriter(jsonFile(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        w.write(json.writeValueAsString(r));
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trial results to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Writes a task-weight trajectory: one row per recorded step, one column per task. */
  public Path writeWeightTrace(FashionTrialRecord r, int[] steps, double[][] weights) {
    Path file = directory.resolve(
        "weights-" + r.benchmark() + "-" + r.method() + "-" + r.flatness() + "-seed" + r.seed() + ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("step," + String.join(",", r.taskNames()));
      w.newLine();
      for (int i = 0; i < steps.length; i++) {
        StringJoiner row = new StringJoiner(",");
        row.add(Integer.toString(steps[i]));
        for (double v : weights[i]) {
          row.add(fmt(v));
        }
        w.write(row.toString());
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Every trial recorded in {@code trials.jsonl} so far (empty when the file does not exist). */
  public List<FashionTrialRecord> finishedTrials() {
    List<FashionTrialRecord> out = new ArrayList<>();
    if (!Files.exists(jsonFile())) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(jsonFile(), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(json.readValue(line, FashionTrialRecord.class));
        } catch (IOException e) {
          // a run killed mid-write leaves at most one partial last line; anything else is corruption
          if (i == lines.size() - 1) {
            LOG.warn("ignoring the incomplete last line of {} (interrupted write)", jsonFile());
          } else {
            throw new IOException(jsonFile() + " line " + (i + 1) + " is not a trial record: " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return out;
  }

  private static String csvRow(FashionTrialRecord r) {
    StringJoiner j = new StringJoiner(",");
    j.add(r.benchmark()).add(r.method()).add(r.flatness()).add(Long.toString(r.seed()))
        .add(fmt(r.averageAccuracy())).add(fmt(r.worstAccuracy())).add(r.worstTask())
        .add(Integer.toString(r.steps())).add(fmt(r.trainSeconds())).add(fmt(r.msPerStep()))
        .add(String.join(";", r.taskNames())).add(joined(r.taskAccuracy())).add(joined(r.finalTaskWeights()));
    return j.toString();
  }

  private static String joined(double[] values) {
    StringJoiner j = new StringJoiner(";");
    for (double v : values) {
      j.add(fmt(v));
    }
    return j.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
