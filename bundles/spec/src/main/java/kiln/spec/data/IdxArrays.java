package kiln.spec.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import kiln.api.KilnException;
import kiln.util.data.Idx;

/**
 * The images and labels of an MNIST-format dataset (MNIST, Fashion-MNIST: gzipped IDX files), kept as
 * the files' bytes: what MLTK's {@code fashion_mnist.load_data()} returns, sliced without copying,
 * turned into floats only as samples are read.
 */
public final class IdxArrays {
  private final byte[] pixels;
  private final byte[] labels;
  private final int per;
  private final int from;
  private final int to;

  private IdxArrays(byte[] pixels, byte[] labels, int per, int from, int to) {
    this.pixels = pixels;
    this.labels = labels;
    this.per = per;
    this.from = from;
    this.to = to;
  }

  /** Reads an images file ({@code [n, rows, cols]}) and its labels file ({@code [n]}). */
  public static IdxArrays read(Path images, Path labels) {
    for (Path p : List.of(images, labels)) {
      if (!Files.isRegularFile(p)) {
        throw new KilnException("IDX file " + p + " is missing");
      }
    }
    Idx x = Idx.read(images, 3);
    Idx y = Idx.read(labels, 1);
    if (x.count() != y.count()) {
      throw new KilnException(images + " holds " + x.count() + " images but " + labels + " " + y.count() + " labels");
    }
    return new IdxArrays(x.data(), y.data(), x.itemSize(), 0, x.count());
  }

  /** The number of samples. */
  public int count() {
    return to - from;
  }

  /** Samples {@code [start, end)} of these (Python's {@code a[start:end]}, clamped to the count). */
  public IdxArrays slice(int start, int end) {
    int s = Math.max(0, Math.min(start, count()));
    int e = Math.max(s, Math.min(end, count()));
    return new IdxArrays(pixels, labels, per, from + s, from + e);
  }

  /** Label counts per class index (NumPy's {@code bincount}). */
  public int[] classCounts(int classes) {
    int[] c = new int[classes];
    for (int i = from; i < to; i++) {
      c[labels[i] & 0xff]++;
    }
    return c;
  }

  /**
   * The samples in file order, pixel values times {@code scale} ({@code 1 / 255f}: MLTK's
   * {@code astype("float32") / 255}); each sample's floats are made as it is read.
   */
  public SpecDataset dataset(float scale) {
    return SpecDataset.fromGenerator(() -> new Iterator<>() {
      private int i = from;

      @Override
      public boolean hasNext() {
        return i < to;
      }

      @Override
      public Sample next() {
        if (i >= to) {
          throw new NoSuchElementException();
        }
        float[] x = new float[per];
        for (int j = 0; j < per; j++) {
          x[j] = (pixels[i * per + j] & 0xff) * scale;
        }
        return Sample.of(x, labels[i++] & 0xff);
      }
    });
  }
}
