package kiln.datasets.cifar10;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;

/**
 * One file of CIFAR-10's binary version ({@code data_batch_N.bin}, {@code test_batch.bin}): records
 * of 1 label byte then 3072 pixel bytes, the 32x32 red, green and blue planes in turn, each row by
 * row. The file must hold whole records with labels 0..9; anything else is an error naming it.
 */
record CifarBatch(Path file, byte[] data) {
  static final int SIDE = 32;
  static final int PLANE = SIDE * SIDE;
  static final int RECORD = 1 + 3 * PLANE;

  static CifarBatch read(Path file, int classes) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("CIFAR-10 batch " + file + " cannot be read: " + e, e);
    }
    if (data.length == 0 || data.length % RECORD != 0) {
      throw new KilnException("CIFAR-10 batch " + file + " holds " + data.length + " bytes, expected whole records of "
          + RECORD + " bytes (1 label + 32x32x3 pixels); the file is truncated or not a CIFAR-10 binary batch");
    }
    for (int at = 0; at < data.length; at += RECORD) {
      if ((data[at] & 0xff) >= classes) {
        throw new KilnException("CIFAR-10 batch " + file + ": record " + at / RECORD + " has label " + (data[at] & 0xff)
            + ", expected 0.." + (classes - 1));
      }
    }
    return new CifarBatch(file, data);
  }

  int count() {
    return data.length / RECORD;
  }

  int label(int i) {
    return data[i * RECORD] & 0xff;
  }

  BufferedImage image(int i) {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    int r = i * RECORD + 1;
    for (int p = 0; p < PLANE; p++) {
      int rgb = (data[r + p] & 0xff) << 16 | (data[r + PLANE + p] & 0xff) << 8 | (data[r + 2 * PLANE + p] & 0xff);
      img.setRGB(p % SIDE, p / SIDE, rgb);
    }
    return img;
  }
}
