package org.taskmet.bench.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionResultsTest {
  @TempDir Path dir;

  private static FashionTrialRecord trial(String method, String flat, long seed, double a, double b) {
    return new FashionTrialRecord("multifashion", method, flat, seed, List.of("left", "right"), new double[] {a, b},
        (a + b) / 2, Math.min(a, b), a < b ? "left" : "right", new double[] {1, 1}, 100, 2.0, 20.0);
  }

  @Test
  void trialsRoundTripAndAPartialLastLineIsIgnored() throws Exception {
    FashionResultStore store = new FashionResultStore(dir.resolve("out"));
    store.append(trial("ls", "none", 0, 0.8, 0.7));
    store.append(trial("mgda", "fs-mtl", 1, 0.6, 0.9));
    List<FashionTrialRecord> back = store.finishedTrials();
    assertThat(back).hasSize(2);
    assertThat(back.get(1).key()).isEqualTo("multifashion/mgda/fs-mtl/1");
    assertThat(back.get(1).taskAccuracy()).containsExactly(0.6, 0.9);
    assertThat(back.get(0).worstTask()).isEqualTo("right");
    List<String> csv = Files.readAllLines(store.csvFile());
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("benchmark,method,flatness,seed,average_accuracy");
    assertThat(csv.get(2)).startsWith("multifashion,mgda,fs-mtl,1,0.750000,0.600000,left,");
    // an interrupted write leaves a partial last line
    Files.writeString(store.jsonFile(), "{\"benchmark\":\"multif", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(store.finishedTrials()).hasSize(2);
    store.clear();
    assertThat(store.finishedTrials()).isEmpty();
  }

  @Test
  void summaryGivesMeanAndSampleStdPerConfiguration() {
    List<FashionSummary.Row> rows = FashionSummary.rows(List.of(trial("ls", "none", 0, 0.8, 0.7),
        trial("ls", "none", 1, 0.9, 0.6), trial("ls", "none", 2, 0.7, 0.7), trial("ls", "fs-mtl", 0, 0.5, 0.5)));
    assertThat(rows).hasSize(2);
    FashionSummary.Row r = rows.get(0);
    assertThat(r.seeds()).isEqualTo(3);
    // averages 0.75, 0.75, 0.70 -> mean 0.7333, sample std 0.02887; worst 0.7, 0.6, 0.7
    assertThat(r.averageMean()).isCloseTo(0.733333, within(1e-6));
    assertThat(r.averageStd()).isCloseTo(0.0288675, within(1e-6));
    assertThat(r.worstMean()).isCloseTo(0.666667, within(1e-6));
    assertThat(r.worstStd()).isCloseTo(0.0577350, within(1e-6));
    assertThat(rows.get(1).averageStd()).isZero();
    String md = FashionSummary.markdown(rows);
    assertThat(md).contains("| multifashion | ls | none | 3 | 73.33 ± 2.89 | 66.67 ± 5.77 | 20.0 |");
  }

  @Test
  void plotsArePngFiles() throws Exception {
    List<FashionSummary.Row> rows = FashionSummary.rows(List.of(trial("ls", "none", 0, 0.8, 0.7),
        trial("ls", "fs-mtl", 0, 0.5, 0.5)));
    Path png = FashionPlots.tradeOff(rows, "multifashion", dir);
    byte[] head = Files.readAllBytes(png);
    assertThat(head.length).isGreaterThan(1000);
    assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    Path w = FashionPlots.weightTrajectory(trial("group-dro", "none", 0, 0.5, 0.5), new int[] {0, 10, 20},
        new double[][] {{1, 1}, {1.2, 0.8}, {1.5, 0.5}}, dir);
    assertThat(Files.size(w)).isGreaterThan(1000);
  }
}
