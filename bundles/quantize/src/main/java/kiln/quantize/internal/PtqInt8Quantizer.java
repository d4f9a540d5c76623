package kiln.quantize.internal;

import java.time.Instant;
import kiln.api.Progress;
import kiln.api.ServiceNames;
import kiln.api.model.QuantizeJob;
import kiln.api.model.Quantizer;
import org.osgi.service.component.annotations.Component;

/** The {@code ptq-int8} quantizer: post-training int8, per-channel weights, calibrated activations. */
@Component(service = Quantizer.class, property = {
    ServiceNames.NAME + "=ptq-int8",
    ServiceNames.DESCRIPTION + "=post-training int8 (per-channel weights, calibrated activations)"})
public final class PtqInt8Quantizer implements Quantizer {
  @Override
  public String description() {
    return "post-training int8: BatchNorm folded, ReLU fused, per-channel int8 weights, "
        + "activations calibrated on the representative dataset";
  }

  @Override
  public byte[] quantize(QuantizeJob job) {
    return Ptq.run(job, Progress.NONE, Instant.now()).tflite();
  }
}
