package org.taskmet.bench.mtl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.optim.Sgd;
import org.taskmet.tasks.mtl.DroStressTest;

/**
 * Cost of one stress-test training step per method, plain and inside FS-MTL, in <em>thread CPU time</em>
 * (ThreadMXBean), which unlike wall time is not inflated by waiting for the CPU on a shared machine: every
 * configuration is warmed up, then measured in interleaved blocks; the median block is reported. Complements the JMH benchmark {@code MtlStepBenchmark}.
 */
public final class StepCost {
  /**
   * @param flatRho 0 for the plain step, &gt; 0 for FS-MTL
   * @param cpuMicrosPerStep median thread CPU µs per step
   * @param relativeToLs divided by plain {@code ls}
   */
  public record Entry(String method, double flatRho, double cpuMicrosPerStep, double relativeToLs) {}

  private StepCost() {}

  public static List<Entry> measure(StressExperiment.Config config, int warmupSteps, int stepsPerBlock, int blocks) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!bean.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    List<DroStressTest.TaskData> data = DroStressTest.generate(0, config.trainRows(), 30, 10);
    List<String> names = new ArrayList<>();
    List<Double> rhos = new ArrayList<>();
    List<MultiTaskStep> steps = new ArrayList<>();
    List<double[]> thetas = new ArrayList<>();
    List<Sgd> optimizers = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(1);
    for (double rho : new double[] {0, config.flatRho() > 0 ? config.flatRho() : 0.05}) {
      StressExperiment.Config c = new StressExperiment.Config(0, 1, 1, config.learningRate(), config.batchPerTask(),
          config.trainRows(), 10, config.methods(), config.lookahead(), config.cagradC(), rho, 1);
      for (String method : config.methods()) {
        MultiTaskNetwork net = StressExperiment.network();
        double[] theta = StressExperiment.initialParameters(net, rng);
        names.add(method);
        rhos.add(rho);
        steps.add(StressExperiment.step(c, net, method));
        thetas.add(theta);
        optimizers.add(new Sgd(theta.length, Sgd.Settings.of(config.learningRate(), 0)));
      }
    }
    int n = steps.size();
    // warm every configuration first (the JIT compiles shared code once), then measure in rounds so a
    // change of machine load hits all configurations alike
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < warmupSteps; i++) {
        run(steps.get(j), optimizers.get(j), thetas.get(j), data, config.batchPerTask(), rng);
      }
    }
    double[][] perStep = new double[n][blocks];
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < n; j++) {
        long t0 = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < stepsPerBlock; i++) {
          run(steps.get(j), optimizers.get(j), thetas.get(j), data, config.batchPerTask(), rng);
        }
        perStep[j][b] = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / stepsPerBlock;
      }
    }
    double[] median = new double[n];
    double lsMicros = Double.NaN;
    for (int j = 0; j < n; j++) {
      Arrays.sort(perStep[j]);
      median[j] = perStep[j][blocks / 2];
      if (rhos.get(j) == 0 && names.get(j).equals("ls")) {
        lsMicros = median[j];
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      entries.add(new Entry(names.get(j), rhos.get(j), median[j], median[j] / lsMicros));
    }
    return entries;
  }

  public static String markdown(List<Entry> entries) {
    StringBuilder sb = new StringBuilder("| method | plain: CPU µs/step | plain: vs ls | FS-MTL: CPU µs/step | FS-MTL: vs ls |\n"
        + "|---|---|---|---|---|\n");
    List<Entry> plain = entries.stream().filter(e -> e.flatRho() == 0).toList();
    List<Entry> flat = entries.stream().filter(e -> e.flatRho() > 0).toList();
    for (int i = 0; i < plain.size(); i++) {
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f× | %.1f | %.2f× |%n", plain.get(i).method(),
          plain.get(i).cpuMicrosPerStep(), plain.get(i).relativeToLs(), flat.get(i).cpuMicrosPerStep(),
          flat.get(i).relativeToLs()));
    }
    return sb.toString();
  }

  private static void run(MultiTaskStep step, Sgd sgd, double[] theta, List<DroStressTest.TaskData> data, int batch,
      SplittableRandom rng) {
    MultiTaskUpdate u = step.compute(theta, StressExperiment.sampleBatch(data, batch, rng), rng);
    sgd.step(theta, u.gradient());
  }
}
