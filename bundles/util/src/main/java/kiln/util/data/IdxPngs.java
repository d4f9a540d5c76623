package kiln.util.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;

/**
 * Writes the IDX images as 8-bit gray PNGs in one folder per class, {@code <class>/train_00000.png}
 * and {@code <class>/test_00000.png} (the number is the image's index in its IDX file), so the image
 * data generator reads an MNIST-format dataset like any folder of images.
 */
public final class IdxPngs {
  public static final String TRAIN_PREFIX = "train_";
  public static final String TEST_PREFIX = "test_";

  private IdxPngs() {}

  /** Expands both splits into {@code dir}; returns the number of images written. */
  public static int expand(String dataset, IdxFiles src, List<String> classes, Path dir, Progress progress) {
    Idx trainImages = Idx.read(src.trainImages(), 3);
    Idx trainLabels = Idx.read(src.trainLabels(), 1);
    Idx testImages = Idx.read(src.testImages(), 3);
    Idx testLabels = Idx.read(src.testLabels(), 1);
    check(dataset, trainImages, trainLabels, src.trainImages(), src.trainLabels(), classes.size());
    check(dataset, testImages, testLabels, src.testImages(), src.testLabels(), classes.size());
    int total = trainImages.count() + testImages.count();
    RecordPngs out = new RecordPngs(dataset, classes, dir, total, progress);
    write(trainImages, trainLabels, TRAIN_PREFIX, out);
    write(testImages, testLabels, TEST_PREFIX, out);
    return total;
  }

  private static void check(String dataset, Idx images, Idx labels, Path imageFile, Path labelFile, int classes) {
    if (images.count() != labels.count()) {
      throw new KilnException(dataset + ": " + imageFile + " holds " + images.count() + " images but "
          + labelFile + " holds " + labels.count() + " labels");
    }
    for (byte b : labels.data()) {
      if ((b & 0xff) >= classes) {
        throw new KilnException(dataset + ": " + labelFile + " has label " + (b & 0xff) + ", expected 0.."
            + (classes - 1));
      }
    }
  }

  private static void write(Idx images, Idx labels, String prefix, RecordPngs out) {
    int h = images.dims()[1];
    int w = images.dims()[2];
    int per = images.itemSize();
    out.write(prefix, 0, images.count(), i -> {
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
      System.arraycopy(images.data(), i * per, raster, 0, per);
      return img;
    }, i -> labels.data()[i] & 0xff);
  }
}
