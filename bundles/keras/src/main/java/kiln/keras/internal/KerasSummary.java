package kiln.keras.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.keras.KerasModelFile;
import kiln.keras.MltkArchive;
import kiln.nn.ModelSummary;

/** The text {@code kiln:summarize FILE.h5 | ARCHIVE.mltk.zip} prints: Kiln's layer table, then the file's settings. */
public final class KerasSummary {
  private KerasSummary() {}

  public static String of(KerasModelFile m) {
    StringBuilder sb = new StringBuilder(ModelSummary.of(m.graph()).format());
    sb.append("Name: ").append(m.graph().name()).append('\n');
    Map<String, Object> md = m.metadata();
    if (md.get("keras_version") != null) {
      sb.append("Keras version: ").append(md.get("keras_version"))
          .append(md.get("backend") == null ? "" : " (" + md.get("backend") + ")").append('\n');
    }
    if (md.get("loss") != null) {
      sb.append("Loss: ").append(md.get("loss")).append('\n');
    }
    if (md.get("metrics") instanceof List<?> l) {
      sb.append("Metrics: ").append(String.join(", ", l.stream().map(String::valueOf).toList())).append('\n');
    }
    if (md.get("optimizer") instanceof Map<?, ?> o) {
      sb.append("Optimizer: ").append(o.get("name"));
      if (o.get("learning_rate") instanceof Number lr) {
        sb.append(String.format(Locale.ROOT, " (learning_rate %.6g)", lr.doubleValue()));
      }
      sb.append('\n');
    }
    sb.append("File: ").append(m.file()).append('\n');
    return sb.toString();
  }

  public static String of(MltkArchive a) {
    StringBuilder sb = new StringBuilder(of(a.model()));
    if (a.tflite() != null) {
      sb.append(String.format(Locale.ROOT, "Archive also holds: %s.tflite (%,d bytes; kiln:summarize --tflite %s)%n",
          a.name(), a.tflite().length, a.file()));
    }
    if (a.specSource() != null) {
      sb.append("MLTK spec: ").append(a.name()).append(".py (Python, read as text only)\n");
    }
    return sb.toString();
  }
}
