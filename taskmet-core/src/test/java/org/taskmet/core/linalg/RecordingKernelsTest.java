package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The profile's recorder: counts calls by shape with their FLOPs only while started, and changes no result. */
class RecordingKernelsTest {
  @Test
  void countsShapesAndFlopsWhileStartedAndDelegatesEveryCall() {
    RecordingKernels recorder = new RecordingKernels(new ScalarKernels());
    DenseKernels plain = new ScalarKernels();
    SplittableRandom rng = new SplittableRandom(3);
    double[] a = PanamaKernelsTest.random(rng, 6 * 4);
    double[] b = PanamaKernelsTest.random(rng, 4 * 5);
    double[] c = new double[6 * 5];
    double[] expected = new double[6 * 5];

    recorder.gemm(false, false, 6, 5, 4, 1.0, a, b, 0.0, c); // not started: not counted
    recorder.start();
    recorder.gemm(false, false, 6, 5, 4, 1.0, a, b, 0.0, c);
    recorder.gemm(true, false, 4, 5, 6, 1.0, a, PanamaKernelsTest.random(rng, 6 * 5), 0.0, new double[4 * 5]);
    recorder.gemm(false, false, 6, 5, 4, 1.0, a, b, 0.0, c);
    double dot = recorder.dot(a, 0, a, 1, 7);
    recorder.stop();
    recorder.axpy(1.0, a, 0, c, 0, 3); // stopped: not counted

    plain.gemm(false, false, 6, 5, 4, 1.0, a, b, 0.0, expected);
    plain.axpy(1.0, a, 0, expected, 0, 3);
    assertThat(c).isEqualTo(expected);
    assertThat(dot).isEqualTo(plain.dot(a, 0, a, 1, 7));

    List<RecordingKernels.Count> counts = recorder.counts();
    assertThat(counts).extracting(n -> n.shape().label(), RecordingKernels.Count::calls, RecordingKernels.Count::flops)
        .containsExactly(
            tuple("gemm NN 6×5×4", 2L, 2 * 2L * 6 * 5 * 4),
            tuple("gemm TN 4×5×6", 1L, 2L * 4 * 5 * 6),
            tuple("dot 1×7", 1L, 14L));
    assertThat(counts).allSatisfy(n -> assertThat(n.nanos()).isNotNegative());
  }
}
