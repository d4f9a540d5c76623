package kiln.tensorflow.internal;

import kiln.api.ComponentVersion;
import kiln.tensorflow.TensorFlowRuntime;
import org.osgi.service.component.annotations.Component;

/** Reports the loaded TensorFlow native library to {@code kiln:version}. */
@Component(service = ComponentVersion.class)
public class TensorFlowVersion implements ComponentVersion {
  @Override
  public String component() {
    return "TensorFlow native";
  }

  @Override
  public String version() {
    return TensorFlowRuntime.version();
  }
}
