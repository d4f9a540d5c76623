package kiln.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.api.KilnException;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import kiln.platform.mvp.MvpAccelerator;
import kiln.platform.serial.protocol.Hello;
import kiln.platform.serial.protocol.MessageType;
import kiln.platform.serial.protocol.ProfileData;
import kiln.tflite.LayerInfos;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;

/**
 * The chip behind the emulator: Kiln's micro runtime runs the model (exact int8 outputs, as TFLite
 * Micro's reference kernels), and an accelerator's cycle model says what each op would cost on an
 * EFR32xG24 (emulated figures, not measurements).
 */
final class EmulatedBoard {
  static final String BOARD = "Kiln board emulator";
  static final String FIRMWARE = "kiln-emulator 1";
  static final String MCU = "EFR32MG24 (emulated)";
  static final long RAM_BYTES = 256 * 1024;
  static final long FLASH_BYTES = 1536 * 1024;

  private final String acceleratorName;
  private final Accelerator accelerator;
  private byte[] model;
  private MicroModel loaded;
  private byte[] flashed;

  EmulatedBoard(String acceleratorName) {
    this.acceleratorName = acceleratorName.toLowerCase(Locale.ROOT);
    this.accelerator = switch (this.acceleratorName) {
      case "mvp" -> new MvpAccelerator();
      case "none" -> new CortexM33Accelerator();
      default -> throw new KilnException("--accelerator " + acceleratorName + ": the emulator knows"
          + " mvp and none");
    };
  }

  Hello hello() {
    return new Hello(MessageType.VERSION, true, accelerator.clockHz(), RAM_BYTES, FLASH_BYTES,
        kiln.platform.serial.protocol.Frame.MAX_PAYLOAD, BOARD, FIRMWARE, MCU, acceleratorName);
  }

  String acceleratorName() {
    return acceleratorName;
  }

  long clockHz() {
    return accelerator.clockHz();
  }

  /** Loads a model (validated by the runtime); {@code persist} keeps it over a reset. */
  long load(byte[] tflite, boolean persist) {
    MicroModel m = MicroRuntime.load(tflite, "uploaded model");
    if (loaded != null) {
      loaded.close();
    }
    loaded = m;
    model = tflite;
    if (persist) {
      flashed = tflite;
    }
    return m.arenaBytes();
  }

  /** The model written to flash, or null. */
  byte[] flashed() {
    return flashed;
  }

  boolean hasModel() {
    return loaded != null;
  }

  /** A reset: RAM is lost, a model written to flash is loaded again. */
  void reset() {
    if (loaded != null) {
      loaded.close();
    }
    loaded = null;
    model = null;
    if (flashed != null) {
      load(flashed, false);
    }
  }

  List<byte[]> run(List<byte[]> inputs) {
    MicroModel m = requireModel();
    if (inputs.size() != m.inputs().size()) {
      throw new KilnException("the model has " + m.inputs().size() + " inputs, RUN sent "
          + inputs.size());
    }
    List<TensorData> in = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      TensorSpec s = m.inputs().get(i);
      long need = TensorData.elementCount(s.shape()) * s.type().bytes();
      if (inputs.get(i).length != need) {
        throw new KilnException("input " + i + " needs " + need + " bytes (" + s.type() + " "
            + java.util.Arrays.toString(s.shape()) + "), RUN sent " + inputs.get(i).length);
      }
      in.add(new TensorData(s.type(), s.shape(), inputs.get(i)));
    }
    List<byte[]> out = new ArrayList<>();
    for (TensorData d : m.run(in)) {
      out.add(d.bytes().clone());
    }
    return out;
  }

  /** One inference on zero inputs (as MLTK's model_profiler does), costed by the cycle model. */
  ProfileData profile() {
    MicroModel m = requireModel();
    List<byte[]> zeros = new ArrayList<>();
    for (TensorSpec s : m.inputs()) {
      zeros.add(new byte[(int) (TensorData.elementCount(s.shape()) * s.type().bytes())]);
    }
    run(zeros);
    Subgraph g = TfliteModel.read(model, "uploaded model").mainSubgraph();
    List<ProfileData.Op> ops = new ArrayList<>();
    for (int i = 0; i < g.operators().size(); i++) {
      LayerInfo info = LayerInfos.info(g, i);
      LayerCost cost = accelerator.cost(info);
      double cycles = Math.max(cost.acceleratorCycles(), cost.cpuCycles());
      long micros = Math.round(cycles * 1e6 / accelerator.clockHz());
      ops.add(new ProfileData.Op(i, info.opcode().toUpperCase(Locale.ROOT), info.ops(), info.macs(),
          Math.round(cost.cpuCycles()), Math.round(cost.acceleratorCycles()), micros,
          cost.supported() ? "" : cost.reason()));
    }
    return new ProfileData(accelerator.clockHz(), m.arenaBytes(), ops);
  }

  /** The model's {@code classes} parameter, which names what a stream detects. */
  static List<String> classes(kiln.tflite.ModelParameters params) {
    if (!(params.get("classes") instanceof List<?> names) || names.isEmpty()) {
      throw new KilnException("the loaded model has no 'classes' parameter to name its detections");
    }
    return names.stream().map(String::valueOf).toList();
  }

  /** The loaded model's file, for reading its parameters. */
  byte[] modelBytes() {
    requireModel();
    return model;
  }

  /** The loaded model (not thread-safe: one user at a time). */
  MicroModel requireModel() {
    if (loaded == null) {
      throw new KilnException("no model loaded (upload one first)");
    }
    return loaded;
  }
}
