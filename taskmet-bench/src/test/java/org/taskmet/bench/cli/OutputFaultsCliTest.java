package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.io.Tmpfs;

/** Output folders and files that cannot be written: one line with the path and the reason, nothing replaced. */
class OutputFaultsCliTest {
  @TempDir Path dir;
  final FakePlugins.CountingExecutor executor = new FakePlugins.CountingExecutor();

  CliRun run(String... args) {
    return CliRun.of(executor, args);
  }

  @Test
  void aReadOnlyOutputFolderGivesThePathAndTheReason() throws Exception {
    try (Tmpfs ro = Tmpfs.mount(dir.resolve("ro"), 64, true)) {
      assumeTrue(ro != null, "mounting a read-only tmpfs needs root (root ignores chmod)");
      CliRun r = run("run", "--task", "cubic", "--method", "mse", "--out", ro.dir().toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("taskmet: error: cannot lock result folder " + ro.dir() + ": "
          + ro.dir().resolve(".taskmet-lock") + ": Read-only file system");
      assertThat(executor.calls).as("nothing trained").hasValue(0);
    }
  }

  @Test
  void anOutputFolderThatCannotBeCreatedGivesTheReason() {
    CliRun r = run("run", "--task", "cubic", "--method", "mse", "--out", "/proc/taskmet-test/out");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("taskmet: error: cannot lock result folder /proc/taskmet-test/out: /proc/")
        .endsWith(": no such file or folder");
  }

  @Test
  void saveOntoAFolderIsRefusedBeforeTrainingAndTheFolderStays() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "mine");
    for (Path folder : new Path[] {empty, full}) {
      CliRun r = run("run", "--task", "cubic", "--method", "mse", "--out", dir.resolve("out").toString(), "--save",
          folder.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("taskmet: error: --save " + folder + " is a folder; give the predictor "
          + "file's name, e.g. --save " + folder.resolve("predictor.json"));
      assertThat(folder).isDirectory();
    }
    assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
    assertThat(executor.calls).hasValue(0);
  }

  @Test
  void aDamagedPredictorOfAnEarlierRunIsNotSavedSilently() throws Exception {
    Path out = dir.resolve("out");
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--out", out.toString()).code()).isZero();
    Path predictor;
    try (var files = Files.list(out.resolve("trials"))) {
      predictor = files.filter(f -> f.toString().endsWith(".predictor.json")).findFirst().orElseThrow();
    }
    Files.writeString(predictor, "{\"format\": \"taskmet-predictor/1\", \"parame");
    Path save = dir.resolve("saved/p.json");
    CliRun r = run("run", "--task", "cubic", "--method", "mse", "--out", out.toString(), "--save", save.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("taskmet: error: cannot save the predictor: predictor file " + predictor
        + " is not a taskmet predictor: ").contains("; delete " + predictor + " and ");
    assertThat(save).doesNotExist();
  }

  @Test
  void resultFilesAreReadableByOthersUnderTheDefaultUmask() throws Exception {
    Path out = dir.resolve("out");
    Path save = dir.resolve("p.json");
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--out", out.toString(), "--save", save.toString())
        .code()).isZero();
    Path reference = Files.createFile(dir.resolve("reference"));
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.getPosixFilePermissions(f)).as(f.toString())
            .isEqualTo(Files.getPosixFilePermissions(reference)).contains(PosixFilePermission.OTHERS_READ);
      }
    }
    assertThat(Files.getPosixFilePermissions(save)).isEqualTo(Files.getPosixFilePermissions(reference));
  }
}
