package kiln.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.archive.ArchiveReader;
import kiln.spec.ModelFinder;

/**
 * The .tflite {@code kiln:classify_audio} runs: a .tflite file, the one in a model archive
 * ({@code .kiln.zip}, {@code .mltk.zip}), or that of a trained model's archive found by name (in
 * the working folder or beside the spec, like {@code kiln:evaluate}).
 */
record ClassifyAudioModel(String name, byte[] tflite, String origin) {
  static ClassifyAudioModel load(String target, ModelFinder finder, Catalog catalog, Path workingDir) {
    Path direct = workingDir.resolve(target);
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tflite")) {
      if (!Files.isRegularFile(direct)) {
        throw new KilnException("model file " + direct + " does not exist");
      }
      try {
        String file = direct.getFileName().toString();
        return new ClassifyAudioModel(file.substring(0, file.length() - ".tflite".length()),
            Files.readAllBytes(direct), direct.toString());
      } catch (IOException e) {
        throw new KilnException("cannot read model file " + direct + ": " + e.getMessage(), e);
      }
    }
    Path archive = new ArchiveTasks(finder, null, catalog, null, workingDir).locate(target);
    ArchiveReader r = ArchiveReader.of(catalog.archive().read(archive), archive);
    byte[] tflite = r.tflite();
    if (tflite == null) {
      throw new KilnException(archive + ": holds no " + r.model() + ".tflite; quantize the model first"
          + " (kiln:quantize " + r.model() + ") or pass a .tflite file");
    }
    return new ClassifyAudioModel(r.model(), tflite, archive + "!" + r.model() + ".tflite");
  }
}
