package kiln.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import kiln.api.KilnException;

/**
 * A microphone through javax.sound.sampled: a capture line ({@code TargetDataLine}) for signed
 * 16-bit little-endian mono at the model's rate, from the default device or the N-th capture
 * device that supports that format.
 */
final class ClassifyAudioMicrophone implements ClassifyAudioSource {
  private final TargetDataLine line;
  private final String name;
  private byte[] bytes = new byte[0];

  private ClassifyAudioMicrophone(TargetDataLine line, String name) {
    this.line = line;
    this.name = name;
  }

  /** @param deviceIndex the capture device, or -1 for the system's default */
  static ClassifyAudioMicrophone open(int rateHz, int deviceIndex) {
    AudioFormat format = new AudioFormat(rateHz, 16, 1, true, false);
    DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
    String wanted = String.format(Locale.ROOT, "a capture line (TargetDataLine) for %d Hz 16-bit mono PCM", rateHz);
    List<Mixer.Info> devices = captureDevices(info);
    try {
      TargetDataLine line;
      String name;
      if (deviceIndex < 0) {
        if (devices.isEmpty()) {
          throw new KilnException("no microphone: javax.sound.sampled has " + wanted + " on no device"
              + " (audio mixers present: " + allMixers() + ")");
        }
        line = (TargetDataLine) AudioSystem.getLine(info);
        name = "the default microphone";
      } else {
        if (deviceIndex >= devices.size()) {
          throw new KilnException("--device-index " + deviceIndex + ": looked for " + wanted + ", found "
              + devices.size() + " capture devices" + (devices.isEmpty() ? "" : ": " + numbered(devices)));
        }
        Mixer.Info m = devices.get(deviceIndex);
        line = (TargetDataLine) AudioSystem.getMixer(m).getLine(info);
        name = "microphone " + deviceIndex + " (" + m.getName() + ")";
      }
      line.open(format, Math.max(4096, rateHz / 5 * 2));
      line.start();
      return new ClassifyAudioMicrophone(line, name);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw new KilnException("no microphone: cannot open " + wanted + ": " + e.getMessage()
          + " (capture devices: " + numbered(devices) + ")", e);
    }
  }

  private static List<Mixer.Info> captureDevices(DataLine.Info info) {
    List<Mixer.Info> out = new ArrayList<>();
    for (Mixer.Info m : AudioSystem.getMixerInfo()) {
      if (AudioSystem.getMixer(m).isLineSupported(info)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String numbered(List<Mixer.Info> devices) {
    List<String> s = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      s.add(i + ": " + devices.get(i).getName());
    }
    return s.isEmpty() ? "none" : String.join(", ", s);
  }

  private static String allMixers() {
    List<String> s = new ArrayList<>();
    for (Mixer.Info m : AudioSystem.getMixerInfo()) {
      s.add(m.getName());
    }
    return s.isEmpty() ? "none" : String.join(", ", s);
  }

  @Override
  public int read(short[] buffer, int offset, int length) {
    if (bytes.length < 2 * length) {
      bytes = new byte[2 * length];
    }
    int got = line.read(bytes, 0, 2 * length); // blocks until the samples are recorded
    if (got <= 0) {
      return -1;
    }
    for (int i = 0; i < got / 2; i++) {
      buffer[offset + i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
    }
    return got / 2;
  }

  @Override
  public String description() {
    return name + " (" + (int) line.getFormat().getSampleRate() + " Hz, 16-bit mono)";
  }

  @Override
  public void close() {
    line.stop();
    line.close();
  }
}
