package kiln.audio.classify;

import java.util.Arrays;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.audio.frontend.FeatureQuantizer;
import kiln.audio.frontend.MicroFrontend;

/**
 * The spectrogram of the latest {@code fe.sample_length_ms} of a stream, as MLTK's audio feature
 * generator keeps it: samples go through one {@link MicroFrontend} as they arrive ({@code process},
 * so the noise reduction, PCAN and activity detection state carries across inferences), each new
 * frame overwrites the oldest in a ring of frames, and the spectrogram is read oldest frame first.
 * Before the ring has filled, the frames not computed yet are zeros.
 */
public final class ClassifyAudioFeatures {
  private final MicroFrontend frontend;
  private final int channels;
  private final int frames;
  private final int step;
  private final double gain;
  private final int[] ring;
  private int oldest; // the frame the next one overwrites
  private short[] gained = new short[0];
  private int[] made = new int[0];

  /** @param gain multiplies each sample (saturating to int16); 0 or 1 leaves them as they are */
  public ClassifyAudioFeatures(FrontendSettings settings, double gain) {
    this.frontend = new MicroFrontend(settings);
    this.channels = frontend.channels();
    this.frames = settings.frameCount(settings.sampleLength());
    this.step = settings.stepSamples();
    this.gain = gain == 0 ? 1 : gain;
    this.ring = new int[frames * channels];
  }

  /** Samples to the model's frontend, after the volume gain; returns them as the frontend saw them. */
  public short[] push(short[] pcm, int offset, int length) {
    if (gained.length < length) {
      gained = new short[length];
    }
    for (int i = 0; i < length; i++) {
      double v = pcm[offset + i] * gain;
      gained[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
    int most = (length / Math.max(1, step) + 2) * channels;
    if (made.length < most) {
      made = new int[most];
    }
    int n = frontend.process(gained, 0, length, made, 0);
    for (int f = 0; f < n; f++) {
      System.arraycopy(made, f * channels, ring, oldest * channels, channels);
      oldest = (oldest + 1) % frames;
    }
    return Arrays.copyOf(gained, length);
  }

  /** The latest frames, oldest first: frames x channels uint16 values. */
  public int[] spectrogram() {
    int[] out = new int[ring.length];
    int split = oldest * channels;
    System.arraycopy(ring, split, out, 0, ring.length - split);
    System.arraycopy(ring, 0, out, ring.length - split, split);
    return out;
  }

  /** Whether the frontend's activity detection tripped since the last call. */
  public boolean activityDetected() {
    return frontend.activityDetected();
  }

  /**
   * Forgets the stream, as MLTK's app does after a detection: an empty spectrogram and a fresh
   * frontend, so the word just detected is not heard again.
   */
  public void reset() {
    frontend.reset();
    Arrays.fill(ring, 0);
    oldest = 0;
  }

  public int frames() {
    return frames;
  }

  public int channels() {
    return channels;
  }

  /**
   * Frontend output (uint16 values, frames x channels) as the input's type: int8 by TFLite Micro's
   * mapping or MLTK's dynamic scaling ({@code fe.quantize_dynamic_scale_enable}), float32 as is.
   */
  public static TensorData toInput(int[] features, FrontendSettings settings, TensorSpec spec) {
    return spec.type() == ElementType.INT8
        ? TensorData.ofInt8(spec.shape(), FeatureQuantizer.toInt8(features, settings))
        : TensorData.ofFloat32(spec.shape(), FeatureQuantizer.toFloat(features));
  }
}
