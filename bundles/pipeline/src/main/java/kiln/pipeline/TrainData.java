package kiln.pipeline;

import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.image.ParallelImageDataGenerator;

/**
 * What kiln:train needs of a data generator, whichever the spec's datagen is: the audio generator
 * (kiln.augment) or the image generator (kiln.image).
 */
interface TrainData extends BatchSource, AutoCloseable {
  /** Samples per epoch. */
  int sampleCount();

  /** Batch {@code k} of {@code epoch}, made on the calling thread. */
  Batch batch(int epoch, int k);

  /** The generator itself, for the trainer. */
  BatchSource source();

  @Override
  void close();

  static TrainData audio(ParallelAudioDataGenerator g) {
    return g == null ? null : new Adapter(g, g::sampleCount, g::batch, g::close);
  }

  static TrainData image(ParallelImageDataGenerator g) {
    return g == null ? null : new Adapter(g, g::sampleCount, g::batch, g::close);
  }

  /** Forwards to one generator. */
  record Adapter(BatchSource source, java.util.function.IntSupplier count, BatchMaker maker, Runnable closer)
      implements TrainData {
    @Override
    public int sampleCount() {
      return count.getAsInt();
    }

    @Override
    public Batch batch(int epoch, int k) {
      return maker.batch(epoch, k);
    }

    @Override
    public int batchesPerEpoch() {
      return source.batchesPerEpoch();
    }

    @Override
    public Batch next() {
      return source.next();
    }

    @Override
    public void skip(long batches) {
      source.skip(batches);
    }

    @Override
    public void close() {
      closer.run();
    }
  }

  /** Makes a batch by epoch and position. */
  @FunctionalInterface
  interface BatchMaker {
    Batch batch(int epoch, int k);
  }
}
