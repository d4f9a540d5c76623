package kiln.audio;

/** Conversions between float samples in [-1, 1] and 16-bit PCM. */
public final class Pcm {
  private Pcm() {}

  /** One float sample as int16: {@code round(v * 32768)}, clipped to [-32768, 32767]. */
  public static short toPcm16(float v) {
    long s = Math.round(v * 32768.0);
    if (s > Short.MAX_VALUE) {
      return Short.MAX_VALUE;
    }
    if (s < Short.MIN_VALUE) {
      return Short.MIN_VALUE;
    }
    return (short) s;
  }

  /** Float samples as int16 (lossless round trip for values read from 16-bit wavs). */
  public static short[] toPcm16(float[] samples) {
    short[] out = new short[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = toPcm16(samples[i]);
    }
    return out;
  }

  /** int16 samples as floats, {@code s / 32768}. */
  public static float[] toFloat(short[] pcm) {
    float[] out = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = pcm[i] / 32768f;
    }
    return out;
  }
}
