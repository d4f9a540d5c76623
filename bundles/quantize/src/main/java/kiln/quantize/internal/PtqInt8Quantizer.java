package kiln.quantize.internal;

import java.time.Instant;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.ServiceNames;
import kiln.api.model.Interpreter;
import kiln.api.model.QuantizeJob;
import kiln.api.model.QuantizeResult;
import kiln.api.model.Quantizer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code ptq-int8} quantizer: post-training int8, per-channel weights, calibrated activations.
 * Calibration runs the float32 model through the job's interpreter, or else through the
 * {@code kiln-micro} interpreter service.
 */
@Component(service = Quantizer.class, property = {
    ServiceNames.NAME + "=ptq-int8",
    ServiceNames.DESCRIPTION + "=post-training int8 (per-channel weights, calibrated activations)"})
public final class PtqInt8Quantizer implements Quantizer {
  @Reference(target = "(" + ServiceNames.NAME + "=kiln-micro)", cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private volatile Interpreter defaultInterpreter;

  /** For DS. */
  public PtqInt8Quantizer() {}

  /** Plain code: calibrate with {@code interpreter} unless the job names one. */
  public PtqInt8Quantizer(Interpreter interpreter) {
    this.defaultInterpreter = interpreter;
  }

  @Override
  public String description() {
    return "post-training int8: BatchNorm folded, ReLU fused, per-channel int8 weights, "
        + "activations calibrated on the representative dataset";
  }

  @Override
  public QuantizeResult quantize(QuantizeJob job) {
    Interpreter i = job.interpreter() != null ? job.interpreter() : defaultInterpreter;
    if (i == null) {
      throw new KilnException("quantizer ptq-int8: calibration runs the float model through an interpreter;"
          + " none is installed (the default 'kiln-micro' comes with the bundle kiln.micro)");
    }
    Progress p = job.progress() == null ? Progress.NONE : job.progress();
    return Ptq.result(Ptq.run(job, i, p, Instant.now()));
  }
}
