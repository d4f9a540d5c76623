package kiln.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.model.Batch;
import kiln.augment.AudioDataGenerators;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.augment.SampleIndex;
import kiln.image.ColorMode;
import kiln.image.Interpolation;
import kiln.image.ParallelImageDataGenerator;
import kiln.spec.KilnModel;

/**
 * Samples of a model's dataset without augmentation: the validation set (evaluation, always in
 * the same order, so float and .tflite see exactly the same samples) or training samples (the
 * representative dataset for calibration, shuffled with a seed).
 */
public final class ModelData {
  private ModelData() {}

  /** Samples (no batch dimension) and their class indices. */
  public record Samples(List<float[]> x, int[] labels) {
    public int size() {
      return x.size();
    }
  }

  /**
   * Reads up to {@code max} samples ({@code max < 0}: all) of the training or validation subset.
   *
   * @throws KilnException when the model has no audio data generator
   */
  public static Samples audio(AudioDataGenerators generators, Dataset dataset, KilnModel model,
      boolean training, int max, long seed, Progress progress) {
    if (!(model.datagen instanceof kiln.spec.ParallelAudioDataGenerator a)) {
      throw new KilnException(model.name() + ": evaluation and calibration data come from the audio "
          + "data generator; the spec's datagen is " + (model.datagen == null ? "not set" : model.datagen.className()));
    }
    return audio(generators.builder(model.frontendSettings()), dataset, model, training, max, seed, progress);
  }

  /**
   * The same from a generator builder that already has its frontend and augmenters (plain code:
   * {@code ParallelAudioDataGenerator.builder().augmenters(...).frontend(fe, spectrogram)}).
   */
  public static Samples audio(ParallelAudioDataGenerator.Builder builder, Dataset dataset, KilnModel model,
      boolean training, int max, long seed, Progress progress) {
    if (!(model.datagen instanceof kiln.spec.ParallelAudioDataGenerator a)) {
      throw new KilnException(model.name() + ": evaluation and calibration data come from the audio "
          + "data generator; the spec's datagen is " + (model.datagen == null ? "not set" : model.datagen.className()));
    }
    Map<String, Object> settings = new LinkedHashMap<>(a.settings());
    settings.put("disable_random_transforms", true);
    try (ParallelAudioDataGenerator g = builder
        .dataset(dataset).classes(model.classes).settings(settings)
        .subset(training ? SampleIndex.Subset.TRAINING : SampleIndex.Subset.VALIDATION)
        .batchSize(64).seed(seed).shuffle(training).classMode("categorical")
        .maxSamplesPerClass(model.testMode() ? 3 : -1).progress(progress).build()) {
      return read(g.sampleCount(), g::batch, g.batchesPerEpoch(), training, max, progress);
    }
  }

  /**
   * The same from the image data generator (a spec with a {@code ParallelImageDataGenerator}):
   * validation images are the dataset's own validation split (Fashion-MNIST: its test images) or
   * the {@code validation_split} share; featurewise statistics always come from the training images.
   */
  public static Samples image(ParallelImageDataGenerator.Builder builder, Dataset dataset, KilnModel model,
      boolean training, int max, long seed, Progress progress) {
    if (!(model.datagen instanceof kiln.spec.ParallelImageDataGenerator a)) {
      throw new KilnException(model.name() + ": image samples come from the image data generator; the spec's"
          + " datagen is " + (model.datagen == null ? "not set" : model.datagen.className()));
    }
    Map<String, Object> settings = new LinkedHashMap<>(a.settings());
    settings.put("random_transforms_enabled", false);
    builder.dataset(dataset).classes(model.classes).settings(settings)
        .batchSize(64).seed(seed).shuffle(training).classMode("categorical")
        .targetSize(model.targetSize).colorMode(ColorMode.of(model.colorMode))
        .interpolation(Interpolation.of(model.interpolation))
        .maxSamplesPerClass(model.testMode() ? 3 : -1).progress(progress);
    if (!training && (a.featurewiseCenter || a.featurewiseStdNormalization)) {
      try (ParallelImageDataGenerator t = builder.subset(ParallelImageDataGenerator.Subset.TRAINING).build()) {
        builder.featurewiseStats(t.featureMean(), t.featureStd());
      }
    }
    builder.subset(training ? ParallelImageDataGenerator.Subset.TRAINING : ParallelImageDataGenerator.Subset.VALIDATION);
    try (ParallelImageDataGenerator g = builder.build()) {
      return read(g.sampleCount(), g::batch, g.batchesPerEpoch(), training, max, progress);
    }
  }

  /**
   * Samples from data the spec supplies itself ({@code DatasetMixin.trainingData()}): training data
   * when {@code training} (calibration), else its evaluation, else its validation data (never the
   * training data); null when the spec names a dataset provider instead.
   */
  public static Samples supplied(KilnModel model, boolean training, int max) {
    return SpecData.samples(model, training, max);
  }

  /** Up to {@code max} samples from the batches of epoch 0. */
  private static Samples read(int count, java.util.function.BiFunction<Integer, Integer, Batch> batch, int batches,
      boolean training, int max, Progress progress) {
    int total = max < 0 ? count : Math.min(max, count);
    List<float[]> x = new ArrayList<>(total);
    int[] labels = new int[total];
    for (int k = 0; x.size() < total && k < batches; k++) {
      Batch b = batch.apply(0, k);
      int n = b.size();
      int per = b.x().length / n;
      int classes = b.y().length / n;
      for (int i = 0; i < n && x.size() < total; i++) {
        float[] s = new float[per];
        System.arraycopy(b.x(), i * per, s, 0, per);
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (b.y()[i * classes + c] > b.y()[i * classes + best]) {
            best = c;
          }
        }
        labels[x.size()] = best;
        x.add(s);
      }
      progress.report(training ? "representative samples" : "evaluation samples", x.size(), total);
    }
    return new Samples(x, labels);
  }
}
