package kiln.augment;

import kiln.api.data.FeatureExtractor;
import kiln.api.data.FrontendSettings;
import kiln.audio.frontend.MicroFrontend;

/** The audio frontend as the generator sees it: 16-bit PCM in, uint16 features (frames x channels) out. */
public interface Spectrogram {
  /** Frames per sample. */
  int frames();

  /** Channels per frame. */
  int channels();

  /** Features of one sample, streamed through a fresh frontend; called from many threads. */
  int[] apply(short[] pcm);

  /** A spectrogram backed by a {@link FeatureExtractor} service. */
  static Spectrogram of(FeatureExtractor extractor, FrontendSettings fe) {
    int sampleCount = fe.sampleRateHz() * fe.sampleLengthMs() / 1000;
    int frames = extractor.frameCount(sampleCount, fe);
    return new Spectrogram() {
      @Override
      public int frames() {
        return frames;
      }

      @Override
      public int channels() {
        return fe.filterbankNChannels();
      }

      @Override
      public int[] apply(short[] pcm) {
        return extractor.extract(pcm, fe);
      }
    };
  }

  /** The bit-exact microfrontend of kiln.audio, one instance per thread (no service needed). */
  static Spectrogram microFrontend(FrontendSettings fe) {
    MicroFrontend probe = new MicroFrontend(fe);
    int frames = probe.frameCount(fe.sampleRateHz() * fe.sampleLengthMs() / 1000);
    int channels = probe.channels();
    ThreadLocal<MicroFrontend> perThread = ThreadLocal.withInitial(() -> new MicroFrontend(fe));
    return new Spectrogram() {
      @Override
      public int frames() {
        return frames;
      }

      @Override
      public int channels() {
        return channels;
      }

      @Override
      public int[] apply(short[] pcm) {
        return perThread.get().extract(pcm);
      }
    };
  }
}
