package kiln.tflite.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;

/** {@code kiln:update_params ... --device}: the updated file, written to a board to keep. */
public final class BoardWrite {
  private BoardWrite() {}

  public static String write(Path file, BoardConnector connector, String connectorName,
      BoardRequest request) {
    byte[] model;
    try {
      model = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + " to write it to the board: " + e.getMessage(), e);
    }
    connector.write(request, model);
    return "wrote " + file.getFileName() + " (" + model.length + " bytes, with its parameters) to the"
        + " board on " + (request.port() == null ? "the default port" : request.port())
        + " through board connector " + connectorName;
  }
}
