package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskmet generate-completion} prints a bash completion script that completes the CLI's commands and
 * options when bash sources it (the distribution ships the same script as {@code completion/taskmet.bash}).
 */
class CompletionTest {
  @TempDir static Path dir;
  static Path script;
  static Path completeSh;

  @BeforeAll
  static void generate() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TaskmetCli.execute(new String[] {"generate-completion"}, new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("#!/usr/bin/env bash");
    script = Files.writeString(dir.resolve("taskmet.bash"), out.toString());
    try (InputStream in = CompletionTest.class.getResourceAsStream("complete.sh")) {
      completeSh = dir.resolve("complete.sh");
      Files.copy(in, completeSh);
    }
  }

  @Test
  void completesACommand() throws Exception {
    assertThat(complete("taskmet", "re")).containsExactly("reproduce");
    assertThat(complete("taskmet", "mtl", "st")).containsExactly("stress");
  }

  @Test
  void completesAnOptionOfACommand() throws Exception {
    assertThat(complete("taskmet", "run", "--ta")).containsExactly("--task", "--task-set");
  }

  /** What bash offers on TAB after {@code words} (the last one being completed); skipped without bash. */
  private static List<String> complete(String... words) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", completeSh.toString(), script.toString()));
    cmd.addAll(List.of(words));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      assumeTrue(false, "bash is not available: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }
}
