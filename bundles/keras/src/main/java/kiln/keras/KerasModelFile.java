package kiln.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.Weights;
import kiln.keras.internal.H5Contents;
import kiln.keras.internal.Metadata;
import kiln.keras.internal.ModelConfig;
import kiln.keras.internal.WeightMatcher;

/**
 * A Keras model read from a {@code .h5} file: its layers as Kiln's layer graph (built through
 * {@code kiln.nn}'s layers, with Keras' layer names and arguments), its float weights under Kiln's
 * names ({@code conv2d/kernel}, {@code batch_normalization/gamma}, ...; Keras layouts), and the
 * settings the file carries ({@code keras_version}, {@code backend}, {@code loss}, {@code metrics},
 * {@code optimizer}).
 *
 * <pre>{@code
 * KerasModelFile m = KerasModelFile.read(Path.of("tflite_micro_speech.h5"));  // or NAME.mltk.zip
 * quantizer.quantize(new QuantizeJob(m.graph(), m.weights(), representative, settings, params));
 * }</pre>
 *
 * @param file the file it was read from (for messages)
 * @param graph the layers
 * @param weights the trained float weights
 * @param metadata the file's model settings, under MLTK's property names
 */
public record KerasModelFile(String file, LayerGraph graph, Weights weights, Map<String, Object> metadata) {
  public KerasModelFile {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * Reads a Keras {@code .h5} file, or the {@code .h5} inside an MLTK archive ({@code NAME.mltk.zip}).
   *
   * @throws KilnException naming the file (and the layer) when it cannot be imported
   */
  public static KerasModelFile read(Path file) {
    if (MltkArchive.isArchive(file)) {
      return MltkArchive.read(file).model();
    }
    if (!Files.isRegularFile(file)) {
      throw new KilnException(file + ": no such file (expected a Keras .h5 model or an MLTK .mltk.zip archive)");
    }
    return of(H5Contents.read(file), file.toString());
  }

  /**
   * Reads the bytes of a Keras {@code .h5} file.
   *
   * @param file names the file in messages
   */
  public static KerasModelFile read(byte[] h5, String file) {
    return of(H5Contents.read(h5, file), file);
  }

  private static KerasModelFile of(H5Contents c, String file) {
    String config = c.attributes().get("model_config");
    if (config == null) {
      throw new KilnException(file + ": has no model_config attribute; Kiln imports whole models saved by"
          + " Keras' model.save(...h5) (save_weights files hold weights without the layers)");
    }
    LayerGraph graph = ModelConfig.parse(config, file).toGraph();
    Weights weights = WeightMatcher.match(graph, c.layerWeights(), file);
    return new KerasModelFile(file, graph, weights, Metadata.of(c.attributes(), file));
  }
}
