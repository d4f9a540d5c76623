package kiln.datasets.mnist;

import java.util.List;
import kiln.util.data.IdxFiles;

/**
 * The four MNIST files as LeCun, Cortes and Burges published them (yann.lecun.com/exdb/mnist),
 * with their sizes and SHA-256 (the checksums TensorFlow Datasets and torchvision's mirror list),
 * and the mirror Keras and TensorFlow Datasets download them from.
 */
final class MnistFiles {
  static final String URL = "https://storage.googleapis.com/cvdf-datasets/mnist/";

  static final List<IdxFiles.Remote> FILES = List.of(
      new IdxFiles.Remote("train-images-idx3-ubyte.gz", 9_912_422L,
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
      new IdxFiles.Remote("train-labels-idx1-ubyte.gz", 28_881L,
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
      new IdxFiles.Remote("t10k-images-idx3-ubyte.gz", 1_648_877L,
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
      new IdxFiles.Remote("t10k-labels-idx1-ubyte.gz", 4_542L,
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

  private MnistFiles() {}
}
