package kiln.tensorflow.internal;

import java.util.stream.Collectors;
import kiln.api.ComponentVersion;
import kiln.tensorflow.TensorFlowDevices;
import org.osgi.service.component.annotations.Component;

/** Reports to {@code kiln:version} which TensorFlow natives are loaded and the devices TensorFlow sees. */
@Component(service = ComponentVersion.class)
public class TensorFlowNatives implements ComponentVersion {
  @Override
  public String component() {
    return "TensorFlow natives";
  }

  @Override
  public String version() {
    return TensorFlowDevices.natives() + "; devices: "
        + TensorFlowDevices.list().stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
