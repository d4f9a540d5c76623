package kiln.augment.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.data.Augmenter;
import kiln.audio.WavReader;
import kiln.augment.AudioOps;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bg_noise_range} with {@code bg_noise_dir}: adds a random window of a randomly chosen
 * background recording (every .wav in the folder, read once and kept), scaled by a factor drawn
 * from the range (0 when the range is absent, as in MLTK). The generator resolves a relative
 * {@code bg_noise_dir} against the dataset folder.
 */
@Component(property = {"kiln.name=" + BgNoiseAugmenter.NAME, "kiln.domain=audio"})
public final class BgNoiseAugmenter implements Augmenter {
  public static final String NAME = "bg_noise_range";
  public static final String DIR = "bg_noise_dir";

  private static final Map<String, List<float[]>> CLIPS = new ConcurrentHashMap<>();

  @Override
  public String description() {
    return "mixes in a random window of a background noise recording from bg_noise_dir";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, DIR) && SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    List<float[]> clips = clips(Paths.get(String.valueOf(settings.get(DIR))), sampleRateHz);
    float[] noise = clips.get(random.nextInt(clips.size()));
    double offset = random.nextDouble();
    double[] range = SettingValues.range(settings, NAME);
    double factor = range == null ? 0 : Draw.uniform(random, range);
    if (factor == 0) {
      return sample;
    }
    float f = (float) factor;
    if (noise.length >= sample.length) {
      // the window AudioOps.adjustLength would cut, added in place without a copy
      int before = (int) ((noise.length - sample.length) * offset);
      for (int i = 0; i < sample.length; i++) {
        sample[i] += f * noise[before + i];
      }
    } else {
      float[] window = AudioOps.adjustLength(noise, sample.length, offset);
      for (int i = 0; i < sample.length; i++) {
        sample[i] += f * window[i];
      }
    }
    return sample;
  }

  /** The folder's .wav files (sorted by name) at {@code rateHz}, read once per folder and rate. */
  public static List<float[]> clips(Path dir, int rateHz) {
    Path abs = dir.toAbsolutePath().normalize();
    return CLIPS.computeIfAbsent(abs + "@" + rateHz, k -> load(abs, rateHz));
  }

  private static List<float[]> load(Path dir, int rateHz) {
    if (!Files.isDirectory(dir)) {
      throw new KilnException("datagen setting bg_noise_dir: folder " + dir + " does not exist");
    }
    List<float[]> clips;
    try (Stream<Path> files = Files.list(dir)) {
      clips = files
          .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav"))
          .sorted()
          .map(p -> WavReader.read(p, rateHz).samples())
          .toList();
    } catch (IOException e) {
      throw new KilnException("datagen setting bg_noise_dir: cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (clips.isEmpty()) {
      throw new KilnException("datagen setting bg_noise_dir: folder " + dir + " holds no .wav files");
    }
    return clips;
  }
}
