package kiln.api.platform;

import java.util.List;
import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Finds boards, loads a model onto one and runs it. Registered with {@code kiln.name}. */
@ConsumerType
public interface BoardConnector extends Described {
  /** The boards attached now. */
  List<BoardInfo> discover();

  /**
   * Loads {@code model} onto the board at {@code port}, runs it on {@code input} and returns the raw
   * output bytes.
   *
   * @throws kiln.api.KilnException naming the port when the board does not answer as expected
   */
  byte[] run(String port, byte[] model, byte[] input);
}
