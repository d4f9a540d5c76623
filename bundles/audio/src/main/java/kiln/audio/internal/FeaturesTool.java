package kiln.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.audio.AudioClip;
import kiln.audio.WavReader;
import kiln.audio.frontend.FeatureQuantizer;
import kiln.audio.frontend.FrontendPresets;
import kiln.audio.frontend.MicroFrontend;
import kiln.audio.frontend.SettingsJson;

/** The logic of {@code kiln:features}, callable without OSGi. */
public final class FeaturesTool {
  private FeaturesTool() {}

  /**
   * Runs a wav file through a fresh frontend.
   *
   * @param wav the audio file (resampled to the settings' rate when needed)
   * @param settingsSpec {@code micro_speech}, {@code mltk_default}, a .json file or a model file
   * @param dtype uint16, int8 or float32
   * @param output where to write the raw little-endian values, or null to only summarise
   * @return the summary to print
   */
  public static String run(Path wav, String settingsSpec, String dtype, Path output) {
    FrontendSettings settings = settings(settingsSpec);
    String type = dtype.toLowerCase(Locale.ROOT);
    if (!type.equals("uint16") && !type.equals("int8") && !type.equals("float32")) {
      throw new KilnException("--dtype " + dtype + " is not supported; expected uint16, int8 or float32");
    }
    AudioClip clip = WavReader.read(wav);
    short[] pcm = WavReader.resample(clip, settings.sampleRateHz(), wav.toString()).toPcm16();
    MicroFrontend frontend = new MicroFrontend(settings);
    int frames = frontend.frameCount(pcm.length);
    if (frames == 0) {
      throw new KilnException("wav file " + wav + " holds " + pcm.length + " samples at " + settings.sampleRateHz()
          + " Hz; one window needs " + settings.windowSamples());
    }
    int[] features = frontend.extract(pcm);
    byte[] bytes = encode(features, type, settings);
    StringBuilder summary = new StringBuilder();
    summary.append(String.format(Locale.ROOT, "%s: %d samples at %d Hz%s -> %d frames x %d channels, %s%n", wav,
        pcm.length, settings.sampleRateHz(),
        clip.sampleRateHz() == settings.sampleRateHz() ? "" : " (resampled from " + clip.sampleRateHz() + " Hz)",
        frames, frontend.channels(), type));
    summary.append(String.format(Locale.ROOT, "settings: %s%n", settingsSpec));
    summary.append(stats(features, bytes, type));
    if (output != null) {
      write(output, bytes);
      summary.append(String.format(Locale.ROOT, "%nwrote %d bytes (%s little-endian, %d x %d) to %s", bytes.length,
          type, frames, frontend.channels(), output));
    }
    return summary.toString();
  }

  /** Settings from a preset name, a JSON file or a model file. */
  public static FrontendSettings settings(String spec) {
    if (spec == null || spec.isBlank() || spec.equals("micro_speech") || spec.equals("mltk_default")
        || spec.equals("default")) {
      return FrontendPresets.named(spec == null || spec.isBlank() ? "micro_speech" : spec);
    }
    Path p = Path.of(spec);
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return SettingsJson.read(p);
    }
    if (lower.endsWith(".tflite")) {
      try {
        return ModelSettings.read(p);
      } catch (NoClassDefFoundError e) {
        throw new KilnException("--settings " + spec + ": reading a model's fe.* parameters needs the kiln.tflite "
            + "bundle, which is not installed");
      }
    }
    throw new KilnException("--settings " + spec + " is neither a preset (micro_speech, mltk_default) nor a .json "
        + "or .tflite file");
  }

  static byte[] encode(int[] features, String type, FrontendSettings settings) {
    switch (type) {
      case "int8":
        return FeatureQuantizer.toInt8(features, settings);
      case "float32": {
        ByteBuffer b = ByteBuffer.allocate(features.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : features) {
          b.putFloat(v);
        }
        return b.array();
      }
      default: {
        ByteBuffer b = ByteBuffer.allocate(features.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : features) {
          b.putShort((short) v);
        }
        return b.array();
      }
    }
  }

  private static String stats(int[] features, byte[] bytes, String type) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    double sum = 0;
    int n = features.length;
    for (int i = 0; i < n; i++) {
      long v = type.equals("int8") ? bytes[i] : features[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return String.format(Locale.ROOT, "values: min %d, max %d, mean %.2f", min, max, sum / n);
  }

  private static void write(Path target, byte[] bytes) {
    Path abs = target.toAbsolutePath();
    Path tmp = null;
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // report the first failure
      }
      throw new KilnException("output file " + target + " cannot be written: " + e.getMessage(), e);
    }
  }
}
