package org.taskmet.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.taskmet.api.PluginProvider;

/**
 * Builds a plugin jar at test time: compiles Java sources against taskmet-api alone (with the JDK's compiler) and
 * lists the providers in META-INF/services. For tests of plugin loading and of the conformance kit itself.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * @param sources fully qualified class name → source text
   * @param providers class names to list in META-INF/services/org.taskmet.api.PluginProvider
   */
  public static Path build(Path dir, String jarName, Map<String, String> sources, List<String> providers)
      throws IOException, URISyntaxException {
    String api = Path.of(PluginProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    return build(dir, jarName, sources, PluginProvider.class, providers, api);
  }

  /**
   * A jar of other services (e.g. a sweep's trial kind, compiled against the whole test class path).
   *
   * @param service the service interface the providers implement
   * @param classPath what the sources compile against
   */
  public static Path build(Path dir, String jarName, Map<String, String> sources, Class<?> service,
      List<String> providers, String classPath) throws IOException {
    Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
    Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", classPath));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("test plugin did not compile (javac exit " + rc + ")");
    }
    Path jar = dir.resolve(jarName + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
      write(out, String.join("\n", providers) + "\n");
      out.closeEntry();
    }
    return jar;
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Source of a SOLVER plugin provider named {@code name} whose solver returns the predictions' first column. */
  public static String solverPlugin(String pkg, String cls, String name, String ctorBody) {
    return """
        package %s;
        import java.util.random.RandomGenerator;
        import org.taskmet.api.*;
        public final class %s implements PluginProvider<Solver, %s.Config> {
          public record Config(double scale) {}
          public %s() { %s }
          public String name() { return "%s"; }
          public PluginKind kind() { return PluginKind.SOLVER; }
          public String description() { return "out-of-tree test solver"; }
          public Class<Config> configType() { return Config.class; }
          public Config defaultConfig() { return new Config(1.0); }
          public Solver create(Config c) {
            if (!(c.scale() > 0)) throw new IllegalArgumentException("scale must be > 0, got " + c.scale());
            return new Solver() {
              public String name() { return "%s"; }
              public void validate(Matrix p, Instance i) {}
              public Solution solve(Matrix p, Instance i, RandomGenerator rng) {
                double[] z = new double[p.rows()];
                for (int r = 0; r < z.length; r++) z[r] = c.scale() * p.get(r, 0);
                return new Solution(z, p, i, 0, 0, null);
              }
              public Matrix vjp(Solution s, double[] g) {
                Matrix out = Matrix.zeros(s.predictions().rows(), s.predictions().cols());
                for (int r = 0; r < g.length; r++) out.set(r, 0, c.scale() * g[r]);
                return out;
              }
            };
          }
        }
        """.formatted(pkg, cls, cls, cls, ctorBody, name, name);
  }
}
