package kiln.pipeline.internal;

import java.nio.file.Path;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;
import kiln.pipeline.BoardClassify;
import kiln.pipeline.ClassifyImage;
import kiln.pipeline.Steps;
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

  @Descriptor("classify image files with an image classifier: the top class and its score per image; or"
      + " stream a board's detections (--device)")
  public String classify_image(
      @Descriptor("classify this image (PNG, JPEG or BMP)")
          @Parameter(names = {"--file", "-f"}, absentValue = "") String file,
      @Descriptor("classify every image file in this folder")
          @Parameter(names = {"--dir", "-d"}, absentValue = "") String dir,
      @Descriptor("the Interpreter service, by kiln.name (default: kiln-micro)")
          @Parameter(names = {"--interpreter"}, absentValue = "") String interpreter,
      @Descriptor("classify on a board: the model goes to the board, which classifies what its camera sees"
          + " and streams its detections")
          @Parameter(names = {"--device"}, presentValue = "true", absentValue = "false") boolean device,
      @Descriptor("the board's port, or regex:PATTERN (default: the port described as JLink CDC UART Port)")
          @Parameter(names = {"--port"}, absentValue = "") String port,
      @Descriptor("the BoardConnector service, by kiln.name (default: serial)")
          @Parameter(names = {"--connector"}, absentValue = "") String connector,
      @Descriptor("the longest wait for any one answer of the board, and between two frames of its stream,"
          + " in ms") @Parameter(names = {"--timeout"}, absentValue = "5000") long timeout,
      @Descriptor("with --device: stop after this many detections (default: until the board ends or Ctrl-C)")
          @Parameter(names = {"--count"}, absentValue = "0") int count,
      @Descriptor("a .tflite with a classes parameter, a model archive, or a trained model's name") String model) {
    return Commands.guard("classify_image " + model, () -> {
      Path cwd = Path.of(System.getProperty("user.dir"));
      if (device) {
        if (!file.isEmpty() || !dir.isEmpty() || !interpreter.isEmpty()) {
          throw new KilnException("--file, --dir and --interpreter cannot be used with --device: the board"
              + " classifies what its own camera sees and runs the model itself");
        }
        Steps.Named<BoardConnector> board = catalog.catalog().board(Commands.blankToNull(connector));
        return BoardClassify.run(board.service(), board.name(), new BoardRequest(Commands.blankToNull(port),
            BoardRequest.DEFAULT_BAUD, timeout, 2, false), finder, catalog.catalog(), model, cwd,
            "classify_image", Map.of(), count, ConsoleProgress.INSTANCE);
      }
      if (!port.isEmpty() || !connector.isEmpty() || count != 0) {
        throw new KilnException("--port, --connector and --count go with --device");
      }
      return ClassifyImage.run(catalog.catalog().interpreter(Commands.blankToNull(interpreter)).service(), finder,
          catalog.catalog(), model, cwd, file.isEmpty() ? null : cwd.resolve(file),
          dir.isEmpty() ? null : cwd.resolve(dir));
    });
  }
}
