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
 * and A-law, any channel count (mixed down to mono by averaging), any sample rate. A corrupt or
 * truncated file gives a {@link KilnException} naming it.
 */
public final class WavReader {
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
    return read(file).resampledTo(rateHz);
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
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == fourCc("fmt ")) {
        if (size < 16 || body + size > bytes.length) {
          throw new KilnException("wav file " + name + " has a truncated 'fmt ' chunk (" + size + " bytes declared)");
        }
        format = b.getShort(body) & 0xFFFF;
        channels = b.getShort(body + 2) & 0xFFFF;
        rate = b.getInt(body + 4);
        blockAlign = b.getShort(body + 12) & 0xFFFF;
        bits = b.getShort(body + 14) & 0xFFFF;
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
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are padded to even sizes
    }
    throw new KilnException("wav file " + name + (format < 0 ? " has no 'fmt ' chunk" : " has no 'data' chunk"));
  }

  private static float[] samples(ByteBuffer b, int start, int size, int format, int channels, int rate, int bits,
      int blockAlign, String name) {
    if (channels < 1) {
      throw new KilnException("wav file " + name + " declares " + channels + " channels, expected at least 1");
    }
    if (rate <= 0) {
      throw new KilnException("wav file " + name + " declares sample rate " + rate + ", expected a positive rate");
    }
    boolean supported = switch (format) {
      case FORMAT_PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
      case FORMAT_FLOAT -> bits == 32 || bits == 64;
      case FORMAT_MULAW, FORMAT_ALAW -> bits == 8;
      default -> false;
    };
    if (!supported) {
      throw new KilnException("wav file " + name + " has format " + format + " with " + bits
          + " bits per sample; expected PCM 8/16/24/32-bit, float 32/64-bit, mu-law or A-law 8-bit");
    }
    int bytesPerSample = bits / 8;
    int frameBytes = Math.max(blockAlign, bytesPerSample * channels);
    if (blockAlign != 0 && blockAlign < bytesPerSample * channels) {
      throw new KilnException("wav file " + name + " declares block align " + blockAlign + ", expected "
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

  static int fourCc(String s) {
    return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
  }
}
