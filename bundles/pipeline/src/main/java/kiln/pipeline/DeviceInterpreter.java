package kiln.pipeline;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardRequest;

/**
 * {@code kiln:infer --device}: the model runs on a board, through a BoardConnector service. The
 * host's interpreter only validates the model and describes its tensors; the outputs are the
 * board's bytes.
 */
public final class DeviceInterpreter implements Interpreter {
  private final Interpreter host;
  private final BoardConnector connector;
  private final String connectorName;
  private final BoardRequest request;

  public DeviceInterpreter(Interpreter host, BoardConnector connector, String connectorName,
      BoardRequest request) {
    this.host = host;
    this.connector = connector;
    this.connectorName = connectorName;
    this.request = request;
  }

  @Override
  public String description() {
    return "a board through board connector " + connectorName;
  }

  @Override
  public LoadedModel load(byte[] flatbuffer, String name) {
    LoadedModel described = host.load(flatbuffer, name);
    if (described.inputs().size() != 1 || described.outputs().size() != 1) {
      described.close();
      throw new KilnException(name + ": --device runs models with one input and one output, this"
          + " one has " + described.inputs().size() + " and " + described.outputs().size());
    }
    return new LoadedModel() {
      @Override
      public List<TensorSpec> inputs() {
        return described.inputs();
      }

      @Override
      public List<TensorSpec> outputs() {
        return described.outputs();
      }

      @Override
      public List<TensorData> run(List<TensorData> inputs) {
        byte[] out = connector.run(request, flatbuffer, inputs.get(0).bytes());
        TensorSpec o = described.outputs().get(0);
        long expected = TensorData.elementCount(o.shape()) * o.type().bytes();
        if (out.length != expected) {
          throw new KilnException("the board on " + request.port() + " returned " + out.length
              + " output bytes, output '" + o.name() + "' has " + expected);
        }
        return List.of(new TensorData(o.type(), o.shape(), out));
      }

      @Override
      public void close() {
        described.close();
      }
    };
  }
}
