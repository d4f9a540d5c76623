package kiln.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import kiln.api.KilnException;

/**
 * Reads RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits, mu-law
 * and A-law, 1 to {@value #MAX_CHANNELS} channels (mixed down to mono by averaging), sample rates
 * from {@value #MIN_RATE_HZ} to {@value #MAX_RATE_HZ} Hz. A corrupt, truncated or out-of-bounds
 * file gives a {@link KilnException} naming it, the chunk or field, and what was expected.
 */
public final class WavReader {
  /**
   * The lowest sample rate read; lower ones are corrupt headers (and cost the resampler most).
   * Sensor waveforms stored as wav go this low: MLTK's conv1d_example reads ECG at 360 Hz.
   */
  public static final int MIN_RATE_HZ = 100;
  /** The highest sample rate read. */
  public static final int MAX_RATE_HZ = 384_000;
  /** The most channels read. */
  public static final int MAX_CHANNELS = 32;
  /** The largest wav file read (1 GiB). */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_ALAW = 6;
  private static final int FORMAT_MULAW = 7;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /** Reads a wav file as mono floats at its own rate. */
  public static AudioClip read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new KilnException("wav file " + file + " is " + size + " bytes, expected at most "
            + MAX_FILE_BYTES + " (1 GiB)");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KilnException("wav file " + file + " does not exist");
    } catch (IOException e) {
      throw new KilnException("wav file " + file + " cannot be read: " + e.getMessage(), e);
    }
    return decode(bytes, file.toString());
  }

  /** Reads a wav file as mono floats resampled to {@code rateHz}. */
  public static AudioClip read(Path file, int rateHz) {
    return resample(read(file), rateHz, file.toString());
  }

  /**
   * A clip read from {@code name} at {@code rateHz}, refused with a message naming the file when
   * the rate is not positive or the result would be longer than the resampler allows.
   */
  public static AudioClip resample(AudioClip clip, int rateHz, String name) {
    if (rateHz <= 0) {
      throw new KilnException("wav file " + name + ": cannot resample to " + rateHz + " Hz, expected a positive rate");
    }
    long out = Resampler.outputLength(clip.samples().length, clip.sampleRateHz(), rateHz);
    if (out > Resampler.MAX_OUTPUT_SAMPLES) {
      throw new KilnException("wav file " + name + ": " + clip.samples().length + " samples at "
          + clip.sampleRateHz() + " Hz resample to " + out + " at " + rateHz + " Hz, expected at most "
          + Resampler.MAX_OUTPUT_SAMPLES);
    }
    try {
      return clip.resampledTo(rateHz);
    } catch (IllegalArgumentException e) {
      throw new KilnException("wav file " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a wav file as mono 16-bit PCM at {@code rateHz} (the frontend's input). A 16-bit mono
   * file at that rate comes back sample for sample.
   */
  public static short[] readPcm16(Path file, int rateHz) {
    return read(file, rateHz).toPcm16();
  }

  /**
   * Decodes wav bytes.
   *
   * @param name what to call the data in error messages (usually its file name)
   */
  public static AudioClip decode(byte[] bytes, String name) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
      throw new KilnException("wav file " + name + " is not a RIFF/WAVE file (expected 'RIFF....WAVE' header)");
    }
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int blockAlign = 0;
    long pos = 12; // long: a chunk size near 4 GiB must not wrap the position around
    while (pos + 8 <= bytes.length) {
      int id = b.getInt((int) pos);
      long size = Integer.toUnsignedLong(b.getInt((int) pos + 4));
      int body = (int) pos + 8;
      if (id != fourCc("data") && body + size > bytes.length) {
        throw new KilnException("wav file " + name + ": chunk '" + chunkName(id) + "' at byte " + pos
            + " declares " + size + " bytes, but only " + (bytes.length - body) + " follow in the file");
      }
      if (id == fourCc("fmt ")) {
        if (size < 16) {
          throw new KilnException("wav file " + name + " has a truncated 'fmt ' chunk (" + size
              + " bytes declared, expected at least 16)");
        }
        format = b.getShort(body) & 0xFFFF;
        channels = b.getShort(body + 2) & 0xFFFF;
        rate = b.getInt(body + 4);
        blockAlign = b.getShort(body + 12) & 0xFFFF;
        bits = b.getShort(body + 14) & 0xFFFF;
        checkFormat(name, channels, rate);
        if (format == FORMAT_EXTENSIBLE) {
          if (size < 40) {
            throw new KilnException("wav file " + name + " has an extensible 'fmt ' chunk of " + size + " bytes, expected 40");
          }
          format = b.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
        }
      } else if (id == fourCc("data")) {
        if (format < 0) {
          throw new KilnException("wav file " + name + " has its 'data' chunk before any 'fmt ' chunk");
        }
        long available = bytes.length - body;
        if (size == 0xFFFFFFFFL || (size == 0 && available > 0)) {
          size = available; // streamed file: the writer never went back to fill in the size
        }
        if (size > available) {
          throw new KilnException("wav file " + name + " is truncated: its 'data' chunk declares " + size
              + " bytes but only " + available + " follow");
        }
        return new AudioClip(samples(b, body, (int) size, format, channels, rate, bits, blockAlign, name), rate);
      }
      pos = body + size + (size & 1); // chunks are padded to even sizes
    }
    throw new KilnException("wav file " + name + (format < 0 ? " has no 'fmt ' chunk" : " has no 'data' chunk"));
  }

  private static float[] samples(ByteBuffer b, int start, int size, int format, int channels, int rate, int bits,
      int blockAlign, String name) {
    boolean supported = switch (format) {
      case FORMAT_PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
      case FORMAT_FLOAT -> bits == 32 || bits == 64;
      case FORMAT_MULAW, FORMAT_ALAW -> bits == 8;
      default -> false;
    };
    if (!supported) {
      throw new KilnException("wav file " + name + " has format " + format + " with " + bits
          + " bits per sample ('fmt ' fields audio_format and bits_per_sample); expected PCM 8/16/24/32-bit,"
          + " float 32/64-bit, mu-law or A-law 8-bit");
    }
    int bytesPerSample = bits / 8;
    int frameBytes = Math.max(blockAlign, bytesPerSample * channels);
    if (blockAlign != 0 && blockAlign < bytesPerSample * channels) {
      throw new KilnException("wav file " + name + ": 'fmt ' field block_align is " + blockAlign + ", expected "
          + bytesPerSample * channels + " for " + channels + " channels of " + bits + " bits");
    }
    if (size % frameBytes != 0) {
      throw new KilnException("wav file " + name + " is truncated: its data (" + size
          + " bytes) is not a whole number of " + frameBytes + "-byte frames");
    }
    int frames = size / frameBytes;
    float[] out = new float[frames];
    float scale = 1f / channels;
    for (int f = 0; f < frames; f++) {
      int p = start + f * frameBytes;
      float sum = 0;
      for (int c = 0; c < channels; c++, p += bytesPerSample) {
        sum += sample(b, p, format, bits);
      }
      out[f] = channels == 1 ? sum : sum * scale;
    }
    return out;
  }

  private static float sample(ByteBuffer b, int p, int format, int bits) {
    switch (format) {
      case FORMAT_FLOAT:
        return bits == 32 ? b.getFloat(p) : (float) b.getDouble(p);
      case FORMAT_MULAW:
        return G711.ulawToLinear(b.get(p)) / 32768f;
      case FORMAT_ALAW:
        return G711.alawToLinear(b.get(p)) / 32768f;
      default:
        return switch (bits) {
          case 8 -> ((b.get(p) & 0xFF) - 128) / 128f;
          case 16 -> b.getShort(p) / 32768f;
          case 24 -> ((b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16)) / 8388608f;
          default -> (float) (b.getInt(p) / 2147483648.0);
        };
    }
  }

  /** The 'fmt ' fields that size everything after them, checked before they are used. */
  private static void checkFormat(String name, int channels, int rate) {
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new KilnException("wav file " + name + ": 'fmt ' field channels is " + channels + ", expected 1 to "
          + MAX_CHANNELS);
    }
    if (rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
      throw new KilnException("wav file " + name + ": 'fmt ' field sample_rate is " + Integer.toUnsignedString(rate)
          + " Hz, expected " + MIN_RATE_HZ + " to " + MAX_RATE_HZ + " Hz");
    }
  }

  /** A chunk id as text, non-printable bytes as \xNN. */
  private static String chunkName(int id) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      int c = (id >>> (8 * i)) & 0xFF;
      s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return s.toString();
  }

  static int fourCc(String s) {
    return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
  }
}
