package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.provenance.BuildInfo;

/** A result file, and the table under it, name the taskmet version and the commit that produced them. */
class TrialProvenanceTest {
  @Test
  void resultFilesNameVersionAndCommit(@TempDir Path dir) throws Exception {
    Sweep sweep = SweepRunnerTest.plan("kind: test-arithmetic\nseeds: 1\nbase: {draws: 2}\naxes: {x: [1]}\n");
    SweepRunnerTest.runner().run(sweep, dir, EngineOptions.local(1), "test", false);

    TrialRecord record = new ResultStore(dir).load(sweep.trials().get(0).id()).orElseThrow();
    assertThat(record.environment())
        .containsEntry("taskmet", BuildInfo.current().version())
        .containsEntry("commit", BuildInfo.current().commit());
    assertThat(Files.readString(dir.resolve("table.md"))).contains("taskmet " + BuildInfo.current().describe());
  }
}
