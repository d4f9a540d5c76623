package kiln.platform.teststeps;

import kiln.api.model.Interpreter;
import kiln.api.model.LoadedModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An interpreter plugin that records each model it loads and runs it with kiln-micro. */
@Component(property = {"kiln.name=test-interpreter"})
public class TestInterpreter extends RecordingStep implements Interpreter {
  @Reference(target = "(kiln.name=kiln-micro)")
  Interpreter delegate;

  @Override
  public String description() {
    return "test interpreter";
  }

  @Override
  public LoadedModel load(byte[] flatbuffer, String name) {
    record("load " + name);
    return delegate.load(flatbuffer, name);
  }
}
