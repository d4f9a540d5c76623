package kiln.tflite.command;

import java.nio.file.Path;
import kiln.api.ServiceNames;
import kiln.api.model.Summarizer;
import kiln.tflite.ModelFiles;
import kiln.tflite.TfliteModel;
import kiln.tflite.TfliteSummary;
import org.osgi.service.component.annotations.Component;

/** Summarizes .tflite files and the model inside .kiln.zip / .mltk.zip archives. */
@Component(service = Summarizer.class, property = {ServiceNames.NAME + "=tflite",
    ServiceNames.DESCRIPTION + "=.tflite files and the model inside .kiln.zip/.mltk.zip archives"})
public class TfliteSummarizer implements Summarizer {
  @Override
  public boolean accepts(String target) {
    return target != null && ModelFiles.isModelPath(target);
  }

  @Override
  public String summarize(String target, boolean tflite) {
    Path path = Path.of(target);
    byte[] bytes = ModelFiles.readTflite(path);
    TfliteModel model = TfliteModel.read(bytes, target);
    return TfliteSummary.summarize(model, ModelFiles.modelName(path), bytes.length);
  }
}
