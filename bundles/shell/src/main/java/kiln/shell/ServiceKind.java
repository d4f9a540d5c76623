package kiln.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import kiln.api.ComponentVersion;
import kiln.api.data.Augmenter;
import kiln.api.data.DatasetProvider;
import kiln.api.data.FeatureExtractor;
import kiln.api.model.Evaluator;
import kiln.api.model.Interpreter;
import kiln.api.model.ModelArchive;
import kiln.api.model.Quantizer;
import kiln.api.model.Summarizer;
import kiln.api.model.Trainer;
import kiln.api.platform.Accelerator;
import kiln.api.platform.BoardConnector;

/** The kinds of service {@code kiln:list} knows, by the plural a user types. */
enum ServiceKind {
  DATASETS(DatasetProvider.class),
  AUGMENTERS(Augmenter.class),
  FEATURES(FeatureExtractor.class),
  TRAINERS(Trainer.class),
  QUANTIZERS(Quantizer.class),
  INTERPRETERS(Interpreter.class),
  EVALUATORS(Evaluator.class),
  ACCELERATORS(Accelerator.class),
  BOARDS(BoardConnector.class),
  ARCHIVES(ModelArchive.class),
  SUMMARIZERS(Summarizer.class),
  COMPONENTS(ComponentVersion.class);

  final Class<?> type;

  ServiceKind(Class<?> type) {
    this.type = type;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a user typed (plural or singular, any case). */
  static ServiceKind parse(String text) {
    String t = text.toLowerCase(Locale.ROOT).trim();
    for (ServiceKind k : values()) {
      if (k.label().equals(t) || k.label().equals(t + "s") || (k == FEATURES && t.equals("feature_extractors"))) {
        return k;
      }
    }
    throw new kiln.api.KilnException(
        "unknown kind '" + text + "': expected one of "
            + Arrays.stream(values()).map(ServiceKind::label).collect(Collectors.joining(", ")));
  }
}
