package org.taskmet.api;

import java.util.Arrays;

/**
 * A dense, row-major matrix of {@code double}s: the one array type the SPI exchanges.
 *
 * <p>Element (i, j) lives at {@code data()[i * cols() + j]}. The backing array is exposed on purpose
 * so numerical code can run kernels on it without copying; a method that receives a {@code Matrix}
 * must not modify it unless its contract says so. Shapes are fixed at construction; a 0×n matrix is
 * allowed.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  /** Wraps {@code data} (not copied). Its length must be {@code rows * cols}. */
  public Matrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix " + rows + "x" + cols + " needs " + ((long) rows * cols) + " values, got " + data.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A new zero matrix. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** A copy of a rectangular {@code double[][]}; every row must have the same length. */
  public static Matrix of(double[][] values) {
    int r = values.length;
    int c = r == 0 ? 0 : values[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (values[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, expected " + c);
      }
      System.arraycopy(values[i], 0, d, i * c, c);
    }
    return new Matrix(r, c, d);
  }

  /** A column vector (n×1) wrapping {@code values} (not copied). */
  public static Matrix column(double[] values) {
    return new Matrix(values.length, 1, values);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing row-major array (not a copy). */
  public double[] data() {
    return data;
  }

  public double get(int i, int j) {
    return data[i * cols + j];
  }

  public void set(int i, int j, double v) {
    data[i * cols + j] = v;
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /** A deep copy. */
  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  /** True when every element is finite (no NaN or infinity). */
  public boolean isFinite() {
    for (double v : data) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Same shape and bit-identical values. */
  public boolean sameValues(Matrix other) {
    return rows == other.rows && cols == other.cols && Arrays.equals(data, other.data);
  }

  public String shape() {
    return rows + "x" + cols;
  }

  @Override
  public String toString() {
    return "Matrix[" + shape() + "]";
  }
}
