package org.taskmet.tasks.fashion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Fashion-MNIST data set (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test grey-scale
 * 28×28 images of 10 clothing classes, read from the four IDX files of the Debian package
 * {@code dataset-fashion-mnist} (default directory {@link #DEFAULT_DIRECTORY}).
 *
 * <p>Each file is looked up as {@code <name>.gz} first, then {@code <name>} uncompressed, so an unpacked
 * copy of the original download works too.
 */
public final class FashionMnist {
  /** Where the Debian package {@code dataset-fashion-mnist} installs the IDX files. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, index = label. */
  public static final List<String> CLASS_NAMES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
          "Ankle boot");

  public static final int CLASS_COUNT = 10;

  private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private FashionMnist() {}

  /** The training and test splits. */
  public record Data(ImageSplit train, ImageSplit test) {}

  /**
   * Loads both splits from {@code directory}.
   *
   * @throws MissingDatasetException when a file is missing, with instructions for installing it
   * @throws UncheckedIOException when a file cannot be read or is malformed (the message names the file)
   */
  public static Data load(Path directory) {
    List<String> missing = new ArrayList<>();
    Path trainImages = locate(directory, TRAIN_IMAGES, missing);
    Path trainLabels = locate(directory, TRAIN_LABELS, missing);
    Path testImages = locate(directory, TEST_IMAGES, missing);
    Path testLabels = locate(directory, TEST_LABELS, missing);
    if (!missing.isEmpty()) {
      throw new MissingDatasetException(directory, missing);
    }
    try {
      return new Data(split(trainImages, trainLabels), split(testImages, testLabels));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Checks that the four files are in {@code directory}, without reading them. */
  public static void requireFiles(Path directory) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      locate(directory, name, missing);
    }
    if (!missing.isEmpty()) {
      throw new MissingDatasetException(directory, missing);
    }
  }

  private static Path locate(Path directory, String name, List<String> missing) {
    Path gz = directory.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = directory.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    missing.add(name + "[.gz]");
    return null;
  }

  private static ImageSplit split(Path imagesFile, Path labelsFile) throws IOException {
    IdxReader.IdxArray images = IdxReader.readImages(imagesFile);
    IdxReader.IdxArray labels = IdxReader.readLabels(labelsFile);
    int count = images.dimensions()[0];
    if (labels.dimensions()[0] != count) {
      throw new IdxReader.IdxFormatException(
          labelsFile, labels.dimensions()[0] + " labels but " + imagesFile + " holds " + count + " images");
    }
    int[] y = new int[count];
    for (int i = 0; i < count; i++) {
      y[i] = labels.unsigned(i);
      if (y[i] >= CLASS_COUNT) {
        throw new IdxReader.IdxFormatException(
            labelsFile, "label " + y[i] + " at index " + i + " is outside 0.." + (CLASS_COUNT - 1));
      }
    }
    return new ImageSplit(count, images.dimensions()[1], images.dimensions()[2], images.data(), y);
  }

  /** The data set is not where it was looked for; the message says how to install it or point to it. */
  public static final class MissingDatasetException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MissingDatasetException(Path directory, List<String> missingFiles) {
      super("Fashion-MNIST not found in " + directory + " (missing " + String.join(", ", missingFiles) + "). "
          + "Install it with `apt-get install dataset-fashion-mnist` (files go to " + DEFAULT_DIRECTORY
          + "), or pass the directory holding the four IDX files with --data-dir.");
    }
  }
}
