package org.taskmet.bench.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a second JVM on the test class path with this JVM's flags (the Vector API, and Spark's in taskmet-spark):
 * a process the tests can lock against and kill.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Process start(Path log, Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).forEach(cmd::add);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Holds the lock of the folder {@code args[0]} until killed. */
  public static final class LockHolder {
    public static void main(String[] args) throws Exception {
      OutputLock.acquire(Path.of(args[0]), "the lock-holder test process");
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  /**
   * Writes results {@code w_0 … w_(args[1]-1)} with a 2 MB artifact each into the result folder {@code args[0]},
   * skipping those that exist, as fast as it can: a process to kill in the middle of a write.
   */
  public static final class Writer {
    public static void main(String[] args) {
      ResultStore store = new ResultStore(Path.of(args[0]));
      String artifact = "0123456789abcdef\n".repeat(2 * 1024 * 1024 / 17) + "end\n";
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        String id = "w_" + i;
        if (java.nio.file.Files.exists(store.trialFile(id))) {
          continue;
        }
        store.write(new TrialRecord(TrialRecord.FORMAT, id, "test-writer", java.util.Map.of("i", "" + i),
            java.util.Map.of("i", i), java.util.Map.of("i", (double) i), ResultStore.JSON.valueToTree(
                java.util.Map.of("i", i)), 0.0, java.util.Map.of()), java.util.Map.of("big.csv", artifact));
      }
    }
  }
}
