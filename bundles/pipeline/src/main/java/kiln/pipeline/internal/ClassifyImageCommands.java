package kiln.pipeline.internal;

import java.nio.file.Path;
import kiln.pipeline.ClassifyImage;
import kiln.spec.ModelFinder;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code kiln:classify_image}. */
@Component(service = ClassifyImageCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=classify_image"})
public class ClassifyImageCommands {
  @Reference
  ModelFinder finder;

  @Reference
  CatalogComponent catalog;

  @Descriptor("classify image files with an image classifier: the top class and its score per image")
  public String classify_image(
      @Descriptor("classify this image (PNG, JPEG or BMP)")
          @Parameter(names = {"--file", "-f"}, absentValue = "") String file,
      @Descriptor("classify every image file in this folder")
          @Parameter(names = {"--dir", "-d"}, absentValue = "") String dir,
      @Descriptor("the Interpreter service, by kiln.name (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("a .tflite with a classes parameter, a model archive, or a trained model's name") String model) {
    return Commands.guard("classify_image " + model, () -> {
      Path cwd = Path.of(System.getProperty("user.dir"));
      return ClassifyImage.run(catalog.catalog().interpreter(Commands.blankToNull(interpreter)).service(), finder,
          catalog.catalog(), model, cwd, file.isEmpty() ? null : cwd.resolve(file),
          dir.isEmpty() ? null : cwd.resolve(dir));
    });
  }
}
