package kiln.spec.data;

import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.audio.Pcm;
import kiln.audio.WavReader;
import kiln.audio.frontend.FeatureQuantizer;
import kiln.audio.frontend.MicroFrontend;
import kiln.augment.AudioOps;

/**
 * Audio file steps for a spec's {@link FileDecoder}: Kiln's wav reader, MLTK's
 * {@code adjust_length}, and either the microfrontend (MLTK's {@code apply_frontend}) or the raw
 * waveform as int8 values (MLTK's conv1d_example post-processing).
 */
public final class AudioFiles {
  /** One frontend per worker thread, rebuilt when the settings change (a frontend keeps state). */
  private static final ThreadLocal<MicroFrontend[]> FRONTEND = ThreadLocal.withInitial(() -> new MicroFrontend[1]);

  private AudioFiles() {}

  /** {@code file} as mono samples in [-1, 1] resampled to {@code rateHz}. */
  public static float[] read(Path file, int rateHz) {
    return WavReader.read(file, rateHz).samples();
  }

  /**
   * MLTK's {@code adjust_length}: silence more than {@code trimThresholdDb} below the loudest frame
   * trimmed off both ends (librosa's trim; 0: no trim), then cropped to {@code length} samples
   * starting {@code int((in - length) * offset)} in, or zero-padded with {@code int((length - in) *
   * offset)} zeros before.
   */
  public static float[] adjustLength(float[] x, int length, double trimThresholdDb, double offset) {
    if (length < 1 || offset < 0 || offset > 1) {
      throw new KilnException("adjust_length: expected a positive length and an offset in [0, 1], got " + length
          + " and " + offset);
    }
    float[] t = trimThresholdDb > 0 ? AudioOps.trim(x, trimThresholdDb) : x;
    return AudioOps.adjustLength(t, length, offset);
  }

  /**
   * The microfrontend's spectrogram of {@code x} (a clip at the settings' rate), frames x channels,
   * as the int8 values MLTK's {@code apply_frontend(dtype=np.int8)} gives (dynamic scaling when
   * {@code quantize_dynamic_scale_enable} is on), as floats.
   */
  public static float[] spectrogram(float[] x, FrontendSettings settings) {
    MicroFrontend[] fe = FRONTEND.get();
    if (fe[0] == null || !fe[0].settingsEqual(settings)) {
      fe[0] = new MicroFrontend(settings);
    }
    byte[] q = FeatureQuantizer.toInt8(fe[0].extract(Pcm.toPcm16(x)), settings);
    float[] out = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = q[i];
    }
    return out;
  }

  /**
   * The waveform itself as int8 values: {@code x * scale} truncated toward zero and clamped to
   * [-128, 127] (numpy's {@code (x * 127).astype(np.int8)} for samples in [-1, 1]), as floats.
   */
  public static float[] raw(float[] x, float scale) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.max(-128, Math.min(127, (int) (x[i] * scale)));
    }
    return out;
  }
}
