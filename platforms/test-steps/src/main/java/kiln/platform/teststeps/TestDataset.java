package kiln.platform.teststeps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import org.osgi.service.component.annotations.Component;

/**
 * A dataset provider plugin: two classes of one-second 16 kHz mono clips it synthesizes into the
 * bundle's data folder ({@code low}: a 300 Hz tone, {@code high}: a 3 kHz tone, each clip at its own
 * phase and level), 12 clips per class.
 */
@Component(property = {"kiln.name=test-data"})
public class TestDataset extends RecordingStep implements DatasetProvider {
  static final int RATE = 16000;
  static final int CLIPS = 12;

  @Override
  public String description() {
    return "test data: synthetic low/high tones (platform tests)";
  }

  @Override
  public Dataset load(Progress progress) {
    record("dataset");
    Path root = context().getDataFile("test-data").toPath();
    Map<String, List<Path>> byClass = new LinkedHashMap<>();
    try {
      for (String cls : List.of("high", "low")) {
        Path dir = Files.createDirectories(root.resolve(cls));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
          Path f = dir.resolve(String.format("%s_%02d.wav", cls, i));
          if (!Files.isRegularFile(f)) {
            Files.write(f, wav(cls.equals("low") ? 300 : 3000, i));
          }
          files.add(f);
        }
        byClass.put(cls, files);
      }
    } catch (IOException e) {
      throw new KilnException("test-data: cannot write clips under " + root + ": " + e.getMessage(), e);
    }
    return new Dataset("test-data", root, byClass, "synthetic-v1");
  }

  /** A 16-bit PCM wav of a tone. */
  static byte[] wav(double hz, int variant) {
    int n = RATE;
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
        .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * n);
    double level = 4000 + 1000 * variant;
    for (int i = 0; i < n; i++) {
      b.putShort((short) (level * Math.sin(2 * Math.PI * hz * i / RATE + variant)));
    }
    return b.array();
  }
}
