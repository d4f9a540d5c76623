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
      int total = max < 0 ? g.sampleCount() : Math.min(max, g.sampleCount());
      List<float[]> x = new ArrayList<>(total);
      int[] labels = new int[total];
      for (int k = 0; x.size() < total && k < g.batchesPerEpoch(); k++) {
        Batch b = g.batch(0, k);
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
}
