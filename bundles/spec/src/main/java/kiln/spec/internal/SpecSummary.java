package kiln.spec.internal;

import java.util.Arrays;
import kiln.api.model.LayerGraph;
import kiln.nn.ModelSummary;
import kiln.spec.ExportedModel;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.ModelFinder;

/** The text of {@code kiln:summarize NAME} for a spec: the layer table and the model's settings. */
public final class SpecSummary {
  private SpecSummary() {}

  public static String of(ModelFinder finder, String target) {
    ModelEntry e = finder.find(target);
    KilnModel m = finder.load(target);
    StringBuilder sb = new StringBuilder();
    LayerGraph trained = m.buildGraph();
    sb.append(ModelSummary.of(trained).format());
    ExportedModel export = ExportedModel.of(m, trained);
    if (!export.isTrainedModel()) {
      // MLTK's on_save_keras_model: the .tflite holds this network, not the one trained
      sb.append("Exported after training (exportModel()):\n").append(ModelSummary.of(export.graph()).format());
    }
    sb.append("Name: ").append(m.name()).append('\n');
    sb.append("Version: ").append(m.version).append('\n');
    sb.append("Description: ").append(m.description).append('\n');
    if (m.classes != null) {
      sb.append("Classes: ").append(String.join(", ", m.classes)).append('\n');
    }
    sb.append("Input shape: ").append(Arrays.toString(m.inputShape())).append('\n');
    if (m.dataset != null) {
      sb.append("Dataset: ").append(m.dataset).append('\n');
    }
    sb.append("Spec: ").append(e == null ? m.name() : e.path() != null ? e.path() : e.source()).append('\n');
    return sb.toString();
  }
}
