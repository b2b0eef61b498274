package org.taskmet.bench.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;

/**
 * The result folder of a sweep, the same for every suite and engine:
 * <pre>
 * trials/&lt;id&gt;.json          one finished trial ({@link TrialRecord}); its presence marks the trial finished
 * trials/&lt;id&gt;.&lt;artifact&gt;    the trial's artifacts (e.g. predictor.json), written before its result file
 * summary.csv                one row per finished trial of the sweep: labels, scores, seconds, id
 * table.md, *.png            the suite's report, rebuilt from the result files
 * .taskmet-lock              the folder lock of the run in progress ({@link OutputLock})
 * </pre>
 * Every file is written to a temporary name and moved into place ({@link AtomicFiles}), so an interrupted run never
 * leaves a partial file, and a trial's artifacts exist whenever its result file does. A result file that cannot be
 * read (damaged outside taskmet) is never deleted: {@link #setAside} renames it so the trial runs again.
 */
public final class ResultStore {
  /** How result files are written: indented, map keys sorted. */
  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path dir;

  public ResultStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  public Path trialFile(String id) {
    return dir.resolve("trials").resolve(id + ".json");
  }

  /** Where artifact {@code name} of trial {@code id} is kept. */
  public Path artifactFile(String id, String name) {
    return dir.resolve("trials").resolve(id + "." + name);
  }

  /**
   * The result of trial {@code id}, if it finished in an earlier run.
   *
   * @throws UnreadableResultException naming the file and what is wrong when it exists but is not a trial record
   */
  public Optional<TrialRecord> load(String id) {
    Path f = trialFile(id);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    TrialRecord r;
    try {
      byte[] bytes = Files.readAllBytes(f);
      if (bytes.length == 0) {
        throw new UnreadableResultException(f, "it is empty");
      }
      r = JSON.readValue(bytes, TrialRecord.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new UnreadableResultException(f, "it is not a complete trial record (" + StrictYaml.describe(e) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read result file " + IoErrors.describe(e), e);
    }
    if (r == null || !TrialRecord.FORMAT.equals(r.format()) || !id.equals(r.id()) || r.scores() == null
        || r.result() == null) {
      throw new UnreadableResultException(f, r == null ? "it holds no trial record" : "it holds format '" + r.format()
          + "', id '" + r.id() + "'" + (r.scores() == null || r.result() == null ? " without scores or result" : "")
          + "; expected '" + TrialRecord.FORMAT + "', '" + id + "'");
    }
    return Optional.of(r);
  }

  /**
   * Renames the unreadable result file of trial {@code id} to {@code <id>.json.unreadable} (or {@code
   * .unreadable-2}, …) so that the trial runs again while the damaged file stays for inspection.
   *
   * @return the file's new name
   */
  public Path setAside(String id) {
    Path f = trialFile(id);
    for (int n = 1; ; n++) {
      Path aside = f.resolveSibling(f.getFileName() + ".unreadable" + (n == 1 ? "" : "-" + n));
      if (Files.exists(aside)) {
        continue;
      }
      try {
        Files.move(f, aside);
        return aside;
      } catch (java.nio.file.FileAlreadyExistsException race) {
        // taken meanwhile: try the next name
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rename the unreadable result file " + IoErrors.describe(e), e);
      }
    }
  }

  /** Writes a finished trial: its artifacts first, then its result file, each atomically. */
  public void write(TrialRecord record, Map<String, String> artifacts) {
    try {
      for (Map.Entry<String, String> a : artifacts.entrySet()) {
        AtomicFiles.writeString(artifactFile(record.id(), a.getKey()), a.getValue());
      }
      AtomicFiles.writeString(trialFile(record.id()), JSON.writeValueAsString(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result of trial " + record.id() + ": " + IoErrors.describe(e),
          e);
    }
  }

  /** Rewrites {@code summary.csv}: one row per record, its labels, scores, seconds and id. */
  public void writeSummary(List<TrialRecord> records) {
    Set<String> labels = new LinkedHashSet<>();
    Set<String> scores = new LinkedHashSet<>();
    records.forEach(r -> {
      labels.addAll(r.labels().keySet());
      scores.addAll(r.scores().keySet());
    });
    List<String> header = new ArrayList<>(labels);
    header.addAll(scores);
    header.add("seconds");
    header.add("trial_id");
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
        .build())) {
      for (TrialRecord r : records) {
        List<Object> row = new ArrayList<>();
        labels.forEach(k -> row.add(r.labels().getOrDefault(k, "")));
        scores.forEach(k -> row.add(r.scores().containsKey(k) ? r.scores().get(k) : ""));
        row.add(r.seconds());
        row.add(r.id());
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot format summary.csv: " + e.getMessage(), e);
    }
    writeText("summary.csv", out.toString());
  }

  /**
   * Deletes the temporary files of writes a killed run left unfinished (never a result: those are only ever moved
   * into place whole), and those of taskmet versions before {@link AtomicFiles} ({@code *.json123.tmp}). Call it only
   * while holding the folder's {@link OutputLock}.
   *
   * @return how many were deleted
   */
  public int removeInterruptedWrites() {
    int n = 0;
    for (Path d : List.of(dir, dir.resolve("trials"))) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (var files = Files.list(d)) {
        for (Path f : files.filter(f -> AtomicFiles.isTemporary(f)
            || f.getFileName().toString().matches(".+\\.[a-z]+[0-9]+\\.tmp")).toList()) {
          Files.deleteIfExists(f);
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean up " + IoErrors.describe(e), e);
      }
    }
    return n;
  }

  /** Writes a text file under the result folder, atomically. */
  public void writeText(String name, String text) {
    try {
      AtomicFiles.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + IoErrors.describe(e), e);
    }
  }

  /** A result file that exists but does not hold the trial's record (empty, truncated, another trial's). */
  public static final class UnreadableResultException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    UnreadableResultException(Path file, String problem) {
      super(new IOException("result file " + file + " is unreadable: " + problem));
      this.file = file;
    }

    public Path file() {
      return file;
    }

    @Override
    public String getMessage() {
      return getCause().getMessage();
    }
  }
}
