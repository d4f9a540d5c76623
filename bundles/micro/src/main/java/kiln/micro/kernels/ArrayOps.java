package kiln.micro.kernels;

import java.util.Map;
import java.util.function.Function;

/**
 * Registers REVERSE_V2, DYNAMIC_UPDATE_SLICE and BROADCAST_ARGS (TFLite Micro's reverse.cc,
 * dynamic_update_slice.cc, broadcast_args.cc), and the CIRCULAR_BUFFER and DETECTION_POSTPROCESS
 * ({@code TFLite_Detection_PostProcess}) custom ops.
 */
final class ArrayOps {
  private ArrayOps() {}

  static void register(Map<String, Function<Prep, Kernel>> put) {
    put.put("REVERSE_V2", Reverse::prepare);
    put.put("DYNAMIC_UPDATE_SLICE", DynamicUpdateSlice::prepare);
    put.put("BROADCAST_ARGS", BroadcastArgs::prepare);
    put.put("CUSTOM(CIRCULAR_BUFFER)", CircularBuffer::prepare);
    put.put("CUSTOM(TFLite_Detection_PostProcess)", DetectionPostprocess::prepare);
  }
}
