package org.taskmet.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The result directory of a sweep: one JSON file per finished trial under {@code trials/}, and a CSV
 * summary of all of them. Every file is written to a temporary name and moved into place, so an
 * interrupted run never leaves a half-written result.
 */
public final class ResultStore {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path dir;

  public ResultStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  public Path trialFile(TrialSpec spec) {
    return dir.resolve("trials").resolve(spec.id() + ".json");
  }

  /** Where the trained predictor of {@code spec} is kept (see {@link PredictorFiles}). */
  public Path predictorFile(TrialSpec spec) {
    return dir.resolve("trials").resolve(spec.id() + ".predictor.json");
  }

  /** The stored result of {@code spec}, if it finished in an earlier run. */
  public Optional<TrialResult> load(TrialSpec spec) {
    Path f = trialFile(spec);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), TrialResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException("result file " + f + " is unreadable (delete it to re-run that trial): "
          + e.getMessage(), e);
    }
  }

  public void write(TrialResult result) {
    try {
      writeAtomically(trialFile(result.spec()), JSON.writeValueAsString(result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result of trial " + result.spec().id() + ": " + e, e);
    }
  }

  /** Rewrites {@code summary.csv}: one row per trial. */
  public void writeSummary(List<TrialResult> results) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("task", "row", "method",
        "dataset_seed", "seed", "normalized_dq", "model_dq", "random_dq", "optimal_dq", "mse", "train_seconds",
        "trial_id").build())) {
      for (TrialResult r : results) {
        TrialSpec s = r.spec();
        TrialScores x = r.scores();
        csv.printRecord(s.task(), s.row(), s.method(), s.datasetSeed(), s.seed(), x.normalizedDq(), x.modelDq(),
            x.randomDq(), x.optimalDq(), x.mse(), r.trainSeconds(), s.id());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeText("summary.csv", out.toString());
  }

  /** Writes a text file under the result directory, atomically. */
  public void writeText(String name, String text) {
    try {
      writeAtomically(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e, e);
    }
  }

  static void writeAtomically(Path target, String text) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
