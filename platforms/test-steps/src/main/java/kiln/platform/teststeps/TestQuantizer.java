package kiln.platform.teststeps;

import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.api.model.Quantizer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A quantizer plugin that records the job (sample count, calibrating interpreter) and hands it on. */
@Component(property = {"kiln.name=test-quantizer"})
public class TestQuantizer extends RecordingStep implements Quantizer {
  @Reference(target = "(kiln.name=ptq-int8)")
  Quantizer delegate;

  @Override
  public String description() {
    return "test quantizer: records its jobs, then ptq-int8 (platform tests)";
  }

  @Override
  public QuantizeResult quantize(QuantizeJob job) {
    record("quantize " + job.graph().name() + " representative=" + job.representative().size()
        + " interpreter=" + (job.interpreter() == null ? "default" : job.interpreter().description()));
    return delegate.quantize(job);
  }
}
