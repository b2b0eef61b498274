package org.taskmet.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.provenance.BuildInfo;

/** Predictor files: the round trip, files written by taskmet 0.1, and broken files. */
class PredictorFileTest {
  static final Taskmet TASKMET = Trained.TASKMET;
  static Predictor cubic;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    cubic = TASKMET.train(TrainingSpec.of("cubic", "mse").withMethodConfig(Map.of("iterations", 20))
        .withDatasetSeed(3).withSeed(4));
  }

  @Test
  void aSavedPredictorIsTheSamePredictorAfterLoading() {
    Path file = dir.resolve("cubic.json");
    cubic.save(file);
    Predictor loaded = TASKMET.load(file, "cubic");

    assertThat(loaded.spec()).isEqualTo(cubic.spec());
    assertThat(loaded.model()).isEqualTo(cubic.model());
    assertThat(loaded.metric()).isEmpty();
    assertThat(loaded.diagnostics()).isEqualTo(cubic.diagnostics());
    assertThat(loaded.trained().parameters()).containsExactly(cubic.trained().parameters());
    for (Instance in : loaded.task().generate(11).test().instances().subList(0, 4)) {
      assertThat(loaded.predict(in.features()).sameValues(cubic.predict(in.features()))).isTrue();
      assertThat(loaded.decide(in.features())).containsExactly(cubic.decide(in.features()));
    }
  }

  @Test
  void aSavedFileNamesTheVersionAndCommitThatWroteIt() throws IOException {
    Path file = dir.resolve("cubic.json");
    cubic.save(file);
    JsonNode writtenBy = new ObjectMapper().readTree(Files.readString(file)).get("writtenBy");
    assertThat(writtenBy.get("version").asText()).isEqualTo(BuildInfo.current().version());
    assertThat(writtenBy.get("commit").asText()).isEqualTo(BuildInfo.current().commit());
  }

  @Test
  void aLearnedMetricSurvivesTheRoundTrip() throws IOException {
    Predictor v1 = TASKMET.load(fixture("cubic-taskmet-v1.predictor.json"));
    Path again = dir.resolve("again.json");
    v1.save(again);
    Predictor loaded = TASKMET.load(again);
    assertThat(loaded.metric()).isEqualTo(v1.metric()).isPresent();
    assertThat(loaded.trained().metricParameters()).containsExactly(v1.trained().metricParameters());
    Matrix grid = Matrix.column(new double[] {-1, -0.5, 0, 0.5, 1});
    TrainedPredictor a = v1.trained();
    TrainedPredictor b = loaded.trained();
    assertThat(b.metric().forward(b.metricParameters(), grid).output()
        .sameValues(a.metric().forward(a.metricParameters(), grid).output())).isTrue();
  }

  /**
   * The fixtures were written by {@code PredictorFiles} of taskmet 0.1 (main at 925a0ce): the cubic one by
   * {@code taskmet run --task cubic --method taskmet --seed 1 --dataset-seed 2 --save}, the portfolio one (an
   * 8-unit MLP trained by MSE) by MakeFixtures.java.txt beside them, which also recorded the predictions and
   * decisions of the first three test instances (evaluation solver, {@code SplittableRandom(0)}).
   */
  @Test
  void filesWrittenByTaskmet01LoadAndDecideAsTheyDidThen() throws IOException {
    for (String name : new String[] {"cubic-taskmet-v1", "portfolio-mse-v1"}) {
      Predictor p = TASKMET.load(fixture(name + ".predictor.json"));
      JsonNode expected = new ObjectMapper().readTree(Files.readString(fixture(name + ".expected.json")));
      var test = p.task().generate(p.spec().datasetSeed()).test();
      for (JsonNode e : expected.get("instances")) {
        Instance in = test.get(e.get("testIndex").asInt());
        double[] predictions = p.predict(in.features()).data();
        double[] decision = p.decide(in.features(), in.aux());
        assertThat(predictions).as(name).hasSize(e.get("predictions").size());
        for (int i = 0; i < predictions.length; i++) {
          assertThat(predictions[i]).as(name).isCloseTo(e.get("predictions").get(i).asDouble(), offset(1e-12));
        }
        assertThat(decision).as(name).hasSize(e.get("decision").size());
        for (int i = 0; i < decision.length; i++) {
          assertThat(decision[i]).as(name).isCloseTo(e.get("decision").get(i).asDouble(), offset(1e-9));
        }
      }
    }
    // taskmet 0.1 had only the synthetic market: its file must not load onto whatever data this machine has
    assertThat(TASKMET.load(fixture("portfolio-mse-v1.predictor.json")).spec().taskConfig())
        .containsEntry("data", "synthetic");
    Predictor cubicV1 = TASKMET.load(fixture("cubic-taskmet-v1.predictor.json"), "cubic");
    assertThat(cubicV1.spec()).isEqualTo(TrainingSpec.of("cubic", "taskmet").withDatasetSeed(2).withSeed(1));
    assertThat(cubicV1.metric().orElseThrow().name()).isEqualTo("taskmet-mlp");
  }

  /** data=auto depends on the machine's packages; a saved predictor names the data it was trained on instead. */
  @Test
  void aSavedPredictorNamesTheDataItWasTrainedOn() {
    for (Predictor p : new Predictor[] {Trained.portfolio(), Trained.budget()}) {
      assertThat(p.spec().taskConfig()).as(p.spec().task()).containsEntry("data", p.task().dataLabel());
      assertThat(p.task().dataLabel()).as(p.spec().task()).isNotEqualTo("auto");
    }
    assertThat(cubic.spec().taskConfig()).doesNotContainKey("data");
  }

  @Test
  void brokenFilesNameTheFileAndWhatWasExpected() throws IOException {
    Path file = dir.resolve("p.json");
    cubic.save(file);
    String json = Files.readString(file);

    Path newer = write("newer.json", json.replace("taskmet-predictor/1", "taskmet-predictor/2"));
    assertThatThrownBy(() -> TASKMET.load(newer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predictor file " + newer + " has format version 2 ('taskmet-predictor/2'), newer than this "
            + "taskmet reads ('taskmet-predictor/1'); load it with a newer taskmet");
    Path newerWithNewFields = write("newer2.json", json.replace("taskmet-predictor/1", "taskmet-predictor/3")
        .replace("\"inputSize\"", "\"scaler\" : [1, 2],\n  \"inputSize\""));
    assertThatThrownBy(() -> TASKMET.load(newerWithNewFields)).hasMessageContaining("has format version 3");

    Path wrongFormat = write("f.json", json.replace("taskmet-predictor/1", "other/9"));
    assertThatThrownBy(() -> TASKMET.load(wrongFormat))
        .hasMessage("predictor file " + wrongFormat + " has format 'other/9', expected 'taskmet-predictor/1'");

    Path otherTask = write("o.json", json);
    assertThatThrownBy(() -> TASKMET.load(otherTask, "portfolio"))
        .hasMessage("predictor file " + otherTask + " holds a predictor for task 'cubic', expected task 'portfolio'");

    Path notJson = write("n.json", "{ not json");
    assertThatThrownBy(() -> TASKMET.load(notJson))
        .hasMessageStartingWith("predictor file " + notJson + " is not a taskmet predictor: ");
    Path empty = write("e.json", "");
    assertThatThrownBy(() -> TASKMET.load(empty))
        .hasMessage("predictor file " + empty + " is not a taskmet predictor: it holds no JSON object");
    Path noFormat = write("nf.json", "{\"parameters\": [1]}");
    assertThatThrownBy(() -> TASKMET.load(noFormat)).hasMessage("predictor file " + noFormat
        + " is not a taskmet predictor: it has no 'format' field; expected 'taskmet-predictor/1'");
    Path missingField = write("mf.json", json.replaceFirst("\"outputSize\" : 1,", ""));
    assertThatThrownBy(() -> TASKMET.load(missingField)).hasMessageStartingWith("predictor file " + missingField
        + " is not a taskmet predictor: ").hasMessageContaining("'outputSize'");

    Path unknownModel = write("m.json", json.replaceFirst("\"name\" : \"mlp\"", "\"name\" : \"resnet\""));
    assertThatThrownBy(() -> TASKMET.load(unknownModel))
        .hasMessageStartingWith("predictor file " + unknownModel + ": ").hasMessageContaining("unknown model 'resnet'");

    Path wrongSize = write("w.json", json.replace("\"inputSize\" : 1", "\"inputSize\" : 3"));
    assertThatThrownBy(() -> TASKMET.load(wrongSize)).hasMessageStartingWith("predictor file " + wrongSize + ": ");

    assertThatThrownBy(() -> TASKMET.load(dir.resolve("missing.json")))
        .hasMessage("predictor file " + dir.resolve("missing.json") + " does not exist");
  }

  @Test
  void parameterCountAndFinitenessAreChecked() throws IOException {
    Path file = dir.resolve("p.json");
    cubic.save(file);
    String json = Files.readString(file);
    int n = cubic.trained().parameters().length;
    String params = json.substring(json.indexOf("\"parameters\""), json.indexOf(']', json.indexOf("\"parameters\"")) + 1);

    Path shortFile = write("short.json", json.replace(params, "\"parameters\" : [ 1.0 ]"));
    assertThatThrownBy(() -> TASKMET.load(shortFile))
        .hasMessage("predictor file " + shortFile + ": field 'parameters' has 1 values, expected " + n);

    Path nanFile = write("nan.json", json.replace(params, params.replaceFirst("\\[ [^,\\]]+", "[ \"NaN\"")));
    assertThatThrownBy(() -> TASKMET.load(nanFile)).hasMessage("predictor file " + nanFile + ": parameters[0] is NaN");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** A fixture copied out of the test resources (the loader reads paths). */
  private Path fixture(String name) throws IOException {
    Path out = dir.resolve(name);
    try (InputStream in = PredictorFileTest.class.getResourceAsStream("/predictor-files/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource predictor-files/" + name + " is missing");
      }
      Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }
}
