package kiln.models.internal;

import kiln.models.anomaly_detection;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec anomaly_detection. */
@Component(service = SpecProvider.class, property = "kiln.name=anomaly_detection")
public class AnomalyDetectionSpec extends BundledSpec {
  public AnomalyDetectionSpec() {
    super(anomaly_detection.class, anomaly_detection::new);
  }
}
