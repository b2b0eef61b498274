package org.taskmet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void matrixChecksItsShapeAndIsRowMajor() {
    Matrix m = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(m.get(1, 0)).isEqualTo(4);
    assertThat(m.data()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(m.row(1)).containsExactly(4, 5, 6);
    assertThatThrownBy(() -> new Matrix(2, 2, new double[3])).hasMessage("matrix 2x2 needs 4 values, got 3");
    assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3}})).hasMessage("row 1 has 1 values, expected 2");
    assertThat(Matrix.zeros(0, 3).shape()).isEqualTo("0x3");
  }

  @Test
  void finitenessAndBitwiseEquality() {
    Matrix m = Matrix.of(new double[][] {{1, 2}});
    assertThat(m.isFinite()).isTrue();
    Matrix copy = m.copy();
    assertThat(copy.sameValues(m)).isTrue();
    copy.set(0, 1, Double.NaN);
    assertThat(copy.isFinite()).isFalse();
    assertThat(copy.sameValues(m)).isFalse();
    assertThat(m.get(0, 1)).as("copy is deep").isEqualTo(2);
  }

  @Test
  void instancesAndDatasetsRejectMismatchedShapes() {
    Matrix x = Matrix.zeros(3, 2);
    assertThatThrownBy(() -> new Instance(x, Matrix.zeros(4, 1)))
        .hasMessage("instance has 3 feature rows but 4 target rows");
    Instance a = new Instance(x, Matrix.zeros(3, 1), Map.of("covariance", Matrix.zeros(3, 3)));
    assertThat(a.aux("covariance").shape()).isEqualTo("3x3");
    assertThatThrownBy(() -> a.aux("cholesky")).hasMessage("instance has no aux matrix 'cholesky'; it has [covariance]");

    Instance b = new Instance(Matrix.zeros(3, 5), Matrix.zeros(3, 1));
    assertThatThrownBy(() -> new Dataset("d", List.of(a, b)))
        .hasMessageContaining("dataset 'd': instance 1 has features 3x5");
    Dataset d = new Dataset("d", List.of(a, a, a));
    assertThat(d.select(new int[] {2, 0}).size()).isEqualTo(2);
    assertThat(d.slice(1, 3).size()).isEqualTo(2);
    assertThatThrownBy(() -> new TaskShape(0, 1, 1)).hasMessageContaining("items=0");
  }
}
