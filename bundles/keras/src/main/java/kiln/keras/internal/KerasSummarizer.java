package kiln.keras.internal;

import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.ServiceNames;
import kiln.api.model.Summarizer;
import kiln.keras.KerasModelFile;
import kiln.keras.MltkArchive;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code kiln:summarize FILE.h5} and {@code kiln:summarize NAME.mltk.zip}: the Keras model's layers,
 * shapes, parameters and MACs (Kiln's table) and its settings. Ranked above the {@code tflite}
 * summarizer so that an MLTK archive shows its float model; with {@code --tflite} the archive's
 * .tflite is summarized by that summarizer.
 */
@Component(service = Summarizer.class, property = {ServiceNames.NAME + "=keras",
    ServiceNames.DESCRIPTION + "=Keras .h5 models and the .h5 inside MLTK .mltk.zip archives",
    "service.ranking:Integer=10"})
public class KerasSummarizer implements Summarizer {
  @Reference(target = "(" + ServiceNames.NAME + "=tflite)", cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  volatile Summarizer tflite;

  @Override
  public boolean accepts(String target) {
    return target != null && (target.endsWith(".h5") || target.endsWith(MltkArchive.SUFFIX));
  }

  @Override
  public String summarize(String target, boolean quantized) {
    Path file = Path.of(target);
    boolean archive = MltkArchive.isArchive(file);
    if (quantized) {
      if (!archive) {
        throw new KilnException(target + ": a Keras .h5 holds the float model only; --tflite summarizes a .tflite"
            + " (an MLTK archive NAME.mltk.zip holds one), or quantize it: kiln:quantize " + target
            + " --dataset NAME");
      }
      Summarizer t = tflite;
      if (t == null) {
        throw new KilnException(target + ": summarizing its .tflite needs the tflite summarizer (bundle kiln.tflite),"
            + " which is not installed");
      }
      return t.summarize(target, true);
    }
    return archive ? KerasSummary.of(MltkArchive.read(file)) : KerasSummary.of(KerasModelFile.read(file));
  }
}
