package org.taskmet.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  static Properties props(String version, String commit, String dirty) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    p.setProperty("dirty", dirty);
    return p;
  }

  @Test
  void aCleanCommitIsTheFullId() {
    BuildInfo b = BuildInfo.of(props("1.2.0", SHA, "false"));
    assertThat(b).isEqualTo(new BuildInfo("1.2.0", SHA));
    assertThat(b.describe()).isEqualTo("1.2.0 (commit " + SHA + ")");
  }

  @Test
  void uncommittedChangesAreMarked() {
    BuildInfo b = BuildInfo.of(props("1.2.0", SHA, "true"));
    assertThat(b.commit()).isEqualTo(SHA + "-dirty");
    assertThat(b.describe()).isEqualTo("1.2.0 (commit " + SHA + ", uncommitted changes)");
  }

  @Test
  void whatTheBuildCouldNotFillInIsUnknown() {
    // git missing: Ant leaves the property reference; not a checkout: git printed nothing
    assertThat(BuildInfo.of(props("1.2.0", "${taskmet.git.commit}", "false")).commit()).isEqualTo("unknown");
    assertThat(BuildInfo.of(props("1.2.0", "", "true")).commit()).isEqualTo("unknown");
    assertThat(BuildInfo.of(props("${project.version}", SHA, "false")).version()).isEqualTo("unknown");
    assertThat(BuildInfo.of(new Properties())).isEqualTo(new BuildInfo("unknown", "unknown"));
    assertThat(BuildInfo.of(props("1.2.0", "", "false")).describe()).isEqualTo("1.2.0 (commit unknown)");
  }

  /** The build wrote the version and the commit of the checkout it ran in (skipped without git). */
  @Test
  void theRunningBuildNamesTheCheckoutsCommit() throws Exception {
    String head = git("rev-parse", "HEAD");
    String changes = git("status", "--porcelain", "--untracked-files=no");
    assumeTrue(head != null && !head.isEmpty() && changes != null, "git or the checkout is not available");
    boolean dirty = !changes.isEmpty();
    BuildInfo current = BuildInfo.current();
    assertThat(current.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(current.commit()).isEqualTo(dirty ? head + "-dirty" : head);
  }

  /** The trimmed output of a git command in the module directory, or null when git cannot run or fails. */
  private static String git(String... args) throws InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
