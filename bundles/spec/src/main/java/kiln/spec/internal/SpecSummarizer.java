package kiln.spec.internal;

import kiln.api.KilnException;
import kiln.api.model.Summarizer;
import kiln.spec.ModelFinder;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Summarizes model specifications for {@code kiln:summarize NAME} (owned by the shell). */
@Component(service = Summarizer.class, property = {"kiln.name=spec", "service.ranking:Integer=-10"})
public class SpecSummarizer implements Summarizer {
  @Reference
  ModelFinder finder;

  @Override
  public boolean accepts(String target) {
    try {
      return finder.find(target) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String summarize(String target, boolean tflite) {
    if (tflite) {
      throw new KilnException(target + ": --tflite summarizes a trained model's .tflite (from its archive "
          + target + ".kiln.zip, after kiln:train); a spec alone only has the layer table (leave out --tflite)");
    }
    return SpecSummary.of(finder, target);
  }
}
