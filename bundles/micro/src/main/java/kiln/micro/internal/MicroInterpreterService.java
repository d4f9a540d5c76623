package kiln.micro.internal;

import kiln.api.ServiceNames;
import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import kiln.micro.MicroRuntime;
import org.osgi.service.component.annotations.Component;

/** Kiln's own int8/float interpreter, bit-exact with TFLite Micro's reference kernels. */
@Component(
    service = Interpreter.class,
    property = {
      ServiceNames.NAME + "=kiln-micro",
      ServiceNames.DESCRIPTION + "=Kiln micro runtime: int8/float reference kernels, bit-exact with TFLite Micro"
    })
public class MicroInterpreterService implements Interpreter {
  @Override
  public String description() {
    return "Kiln micro runtime: int8/float reference kernels, bit-exact with TFLite Micro";
  }

  @Override
  public LoadedModel load(byte[] flatbuffer, String name) {
    return MicroRuntime.load(flatbuffer, name);
  }

  @Override
  public java.util.List<String> check(byte[] flatbuffer, String name) {
    return MicroRuntime.check(flatbuffer, name);
  }
}
