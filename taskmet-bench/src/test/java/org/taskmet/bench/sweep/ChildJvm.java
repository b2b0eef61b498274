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
}
