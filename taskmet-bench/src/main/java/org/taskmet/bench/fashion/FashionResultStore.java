package org.taskmet.bench.fashion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The result files of an image multi-task run: one JSON file per finished trial, {@code trials/<id>.json}, written
 * to a temporary name and moved into place (an interrupted run never leaves a partial file). The id is the trial's
 * label plus a hash of its full spec, so a trial whose settings changed is a new trial, never a stale resume. Files
 * are never deleted: a rerun in the same directory skips the trials already there.
 */
public final class FashionResultStore {
  private final Path directory;
  private final Path trials;
  private final ObjectMapper json = new ObjectMapper();

  public FashionResultStore(Path directory) {
    this.directory = directory;
    this.trials = directory.resolve("trials");
    try {
      Files.createDirectories(trials);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory " + trials + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** {@code <benchmark>_<method>_<flatness>_s<seed>_<hash of the spec>}. */
  public String id(ImageMtlTrial.Spec spec) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(json.writeValueAsBytes(spec));
      String method = spec.method().replaceAll("[^A-Za-z0-9.-]+", "-");
      return spec.data().benchmark() + "_" + method + "_" + spec.flatness() + "_s" + spec.seed() + "_"
          + HexFormat.of().formatHex(digest, 0, 4);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the trial spec " + spec.label(), e);
    }
  }

  /** The finished trial {@code id}, if its file exists. */
  public Optional<FashionTrialRecord> load(String id) {
    Path file = trials.resolve(id + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), FashionTrialRecord.class));
    } catch (IOException e) {
      throw new UncheckedIOException("trial file " + file + " is not a trial record (" + e.getMessage()
          + "); move it away to rerun that trial", e);
    }
  }

  /** Writes a finished trial atomically. */
  public void save(String id, FashionTrialRecord record) {
    Path file = trials.resolve(id + ".json");
    Path tmp = trials.resolve(id + ".json.tmp");
    try {
      Files.writeString(tmp, json.writeValueAsString(record), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a report file (summary, table) atomically. */
  public void writeReport(String name, String content) {
    Path file = directory.resolve(name);
    try {
      Path tmp = directory.resolve(name + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** How many trial files the directory holds. */
  public long trialFileCount() {
    try (Stream<Path> files = Files.list(trials)) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
