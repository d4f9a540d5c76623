package kiln.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ConfigProto;

/**
 * Which TensorFlow natives are loaded (the CPU fragment {@code kiln.tensorflow-linux-x86_64} or the
 * GPU fragment {@code kiln.tensorflow-linux-x86_64-gpu}), the devices TensorFlow sees, and the
 * session settings for {@code kiln:train --device cpu|gpu}.
 */
public final class TensorFlowDevices {
  /** Where the GPU fragment puts its natives: javacpp's folder for the {@code -gpu} platform extension. */
  static final String GPU_NATIVES = "org/tensorflow/internal/c_api/linux-x86_64-gpu/";

  private TensorFlowDevices() {}

  /** A device as TensorFlow names it, e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0}, type CPU. */
  public record Device(String name, String type, long memoryBytes) {
    /** The type and the short name, e.g. {@code CPU CPU:0} or {@code GPU GPU:0 (139.8 GiB)}. */
    @Override
    public String toString() {
      int at = name.lastIndexOf("device:");
      String shortName = at < 0 ? name : name.substring(at + "device:".length());
      return type + " " + shortName
          + (type.equals("CPU") ? "" : String.format(Locale.ROOT, " (%.1f GiB)", memoryBytes / (double) (1L << 30)));
    }
  }

  /**
   * The natives in use, loading them first: the platform folder of the loaded {@code jnitensorflow}
   * library and the fragment that ships it.
   */
  public static String natives() {
    TensorFlowRuntime.version();
    String path = null;
    for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
      if (e.getKey().contains("jnitensorflow")) {
        path = e.getValue();
      }
    }
    boolean gpu = path != null ? path.contains("linux-x86_64-gpu") : gpuNativesPresent();
    return gpu
        ? "linux-x86_64-gpu (CUDA build, fragment kiln.tensorflow-linux-x86_64-gpu)"
        : Loader.getPlatform() + " (CPU build, fragment kiln.tensorflow-linux-x86_64)";
  }

  /** Whether the GPU fragment's natives are on the host bundle's class path. */
  public static boolean gpuNativesPresent() {
    return TensorFlowDevices.class.getClassLoader().getResource(GPU_NATIVES + "libjnitensorflow.so") != null;
  }

  /** The devices a session with TensorFlow's default settings sees. */
  public static List<Device> list() {
    return list(ConfigProto.getDefaultInstance());
  }

  /** The devices a session with {@code config} sees (a session on an empty graph, closed again). */
  public static List<Device> list(ConfigProto config) {
    TensorFlowRuntime.version();
    TF_Status status = tensorflow.TF_NewStatus();
    TF_Graph graph = tensorflow.TF_NewGraph();
    TF_SessionOptions options = tensorflow.TF_NewSessionOptions();
    TF_Session session = null;
    try {
      byte[] bytes = config.toByteArray();
      try (BytePointer proto = new BytePointer(bytes)) {
        tensorflow.TF_SetConfig(options, proto, bytes.length, status);
        check(status, "session config");
      }
      session = tensorflow.TF_NewSession(graph, options, status);
      check(status, "new session");
      TF_DeviceList devices = tensorflow.TF_SessionListDevices(session, status);
      check(status, "list devices");
      try {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < tensorflow.TF_DeviceListCount(devices); i++) {
          String name = tensorflow.TF_DeviceListName(devices, i, status).getString();
          String type = tensorflow.TF_DeviceListType(devices, i, status).getString();
          long memory = tensorflow.TF_DeviceListMemoryBytes(devices, i, status);
          check(status, "device " + i);
          out.add(new Device(name, type, memory));
        }
        return out;
      } finally {
        tensorflow.TF_DeleteDeviceList(devices);
      }
    } finally {
      if (session != null) {
        tensorflow.TF_CloseSession(session, status);
        tensorflow.TF_DeleteSession(session, status);
      }
      tensorflow.TF_DeleteSessionOptions(options);
      tensorflow.TF_DeleteGraph(graph);
      tensorflow.TF_DeleteStatus(status);
    }
  }

  /**
   * Session settings for a device choice: {@code auto} (TensorFlow's placement: the GPU when the
   * GPU natives see one), {@code cpu} (GPUs hidden) or {@code gpu} (fails unless TensorFlow sees a
   * GPU, naming the natives and the devices it found). Ops without a GPU kernel fall back to the CPU.
   */
  public static ConfigProto config(String device, int intraOpThreads, int interOpThreads) {
    ConfigProto.Builder b = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .setAllowSoftPlacement(true);
    switch (device == null ? "auto" : device.toLowerCase(Locale.ROOT)) {
      case "auto" -> { }
      case "cpu" -> b.putDeviceCount("GPU", 0);
      case "gpu" -> requireGpu();
      default -> throw new KilnException("device: '" + device + "' is not supported; expected cpu, gpu or auto");
    }
    return b.build();
  }

  /** Fails unless TensorFlow sees a GPU, saying which natives are loaded and what was found. */
  public static void requireGpu() {
    List<Device> devices = list();
    if (devices.stream().noneMatch(d -> d.type().equals("GPU"))) {
      throw new KilnException("device gpu: TensorFlow sees no GPU (natives " + natives() + "; devices found: "
          + devices + ")" + (gpuNativesPresent()
              ? "; check the NVIDIA driver and CUDA libraries (nvidia-smi), or train with --device cpu"
              : "; the GPU natives are the fragment kiln.tensorflow-linux-x86_64-gpu: put its jar in the"
                  + " plugins folder ($KILN_HOME/plugins) on a Linux machine with an NVIDIA GPU, or train with --device cpu"));
    }
  }

  private static void check(TF_Status status, String what) {
    if (tensorflow.TF_GetCode(status) != 0) {
      throw new KilnException("TensorFlow could not " + what + ": " + tensorflow.TF_Message(status).getString());
    }
  }
}
