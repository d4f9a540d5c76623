package kiln.audio.frontend;

import java.util.SplittableRandom;

/** Test signals. */
final class Signals {
  private Signals() {}

  static short[] tone(double hz, int rate, int n, double amplitude) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  static short[] noise(long seed, int n, int amplitude) {
    SplittableRandom r = new SplittableRandom(seed);
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) r.nextInt(-amplitude, amplitude + 1);
    }
    return s;
  }

  static short[] plus(short[] a, int offset) {
    short[] s = new short[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = (short) Math.max(-32768, Math.min(32767, a[i] + offset));
    }
    return s;
  }

  static int[] row(int[] features, int channels, int frame) {
    int[] r = new int[channels];
    System.arraycopy(features, frame * channels, r, 0, channels);
    return r;
  }

  static long sum(int[] v) {
    long s = 0;
    for (int x : v) {
      s += x;
    }
    return s;
  }
}
