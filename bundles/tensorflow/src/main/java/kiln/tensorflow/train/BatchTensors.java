package kiln.tensorflow.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import kiln.api.KilnException;
import kiln.api.model.Batch;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Reusable TensorFlow input tensors for training batches: for each batch shape a few slots (x,
 * labels, sample weights) whose native memory is allocated once and refilled, so a step allocates
 * no tensor for its batch, and one batch can be filled (on the prefetch thread) while another is
 * being trained on. A slot is back in its pool when its {@link Staged} is closed.
 */
public final class BatchTensors implements AutoCloseable {
  private final int slotsPerShape;
  private final Map<List<Integer>, Pool> pools = new HashMap<>();
  private final List<Staged> all = new ArrayList<>();
  private boolean closed;

  BatchTensors(int slotsPerShape) {
    this.slotsPerShape = slotsPerShape;
  }

  /** One pool's free slots and how many it has made. */
  private static final class Pool {
    final BlockingQueue<Staged> free;
    int made;

    Pool(int slots) {
      free = new ArrayBlockingQueue<>(slots);
    }
  }

  /** {@code b} copied into a free slot of its shape (made when the shape has fewer than its slots). */
  Staged stage(Batch b, float[] sampleWeights) {
    Pool pool;
    Staged slot;
    synchronized (this) {
      if (closed) {
        throw new KilnException("the training session is closed");
      }
      List<Integer> key = new ArrayList<>();
      for (int d : b.xShape()) {
        key.add(d);
      }
      key.add(-1);
      for (int d : b.yShape()) {
        key.add(d);
      }
      pool = pools.computeIfAbsent(key, k -> new Pool(slotsPerShape));
      slot = pool.free.poll();
      if (slot == null && pool.made < slotsPerShape) {
        pool.made++;
        slot = new Staged(pool, b.xShape(), b.yShape());
        all.add(slot);
      }
    }
    if (slot == null) {
      try {
        slot = pool.free.take(); // every slot of this shape is queued or in a step
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KilnException("interrupted while waiting for a free batch tensor", e);
      }
    }
    slot.fill(b, sampleWeights);
    return slot;
  }

  @Override
  public synchronized void close() {
    closed = true;
    all.forEach(Staged::free);
    all.clear();
  }

  /** A batch in TensorFlow tensors; {@link #close()} returns the slot for reuse. */
  public static final class Staged implements AutoCloseable {
    private final Pool pool;
    private final TFloat32 x;
    private final TFloat32 y;
    private final TFloat32 weights;
    private int size;

    private Staged(Pool pool, int[] xShape, int[] yShape) {
      this.pool = pool;
      x = TFloat32.tensorOf(Shape.of(ModelSession.toLongs(xShape)));
      y = TFloat32.tensorOf(Shape.of(ModelSession.toLongs(yShape)));
      weights = TFloat32.tensorOf(Shape.of(xShape[0]));
    }

    private void fill(Batch b, float[] sampleWeights) {
      x.copyFrom(DataBuffers.of(b.x(), true, false));
      y.copyFrom(DataBuffers.of(b.y(), true, false));
      weights.copyFrom(DataBuffers.of(sampleWeights, true, false));
      size = b.size();
    }

    TFloat32 x() {
      return x;
    }

    TFloat32 y() {
      return y;
    }

    TFloat32 weights() {
      return weights;
    }

    /** Samples in the batch. */
    public int size() {
      return size;
    }

    private void free() {
      x.close();
      y.close();
      weights.close();
    }

    @Override
    public void close() {
      pool.free.offer(this);
    }
  }
}
