package kiln.platform.serial.mltk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.api.KilnException;
import kiln.api.platform.DeviceProfile;

/**
 * Reads an MLTK model_profiler log into a {@link DeviceProfile}, as MLTK's
 * {@code parse_device_model_profiler_log} reads it: {@code CPU clock:} and
 * {@code Tensor runtime memory:} lines; the lines under each {@code OpN-NAME} line (in the metrics
 * section {@code N OPs}, {@code N MACs}; in the results section {@code N ms},
 * {@code N CPU cycles}, {@code N Accelerator cycles}); {@code OpN-NAME not supported: reason}
 * warnings. Lines are
 * trimmed. A failure line ({@link MltkLog#isFailure}) is an error.
 */
public final class MltkLogParser {
  private static final Pattern CLOCK = Pattern.compile("CPU clock:\\s*([\\d.]+[kMG]?)Hz.*");
  private static final Pattern ACCELERATOR = Pattern.compile("Accelerator:\\s*(\\S+).*");
  private static final Pattern MEMORY = Pattern.compile("Tensor runtime memory:\\s*([\\d.]+[kMG]?).*");
  private static final Pattern LAYER = Pattern.compile("Op(\\d+)-(\\S+)\\s*");
  private static final Pattern OPS = Pattern.compile("([\\d.]+[kMG]?) OPs\\b.*");
  private static final Pattern MACS = Pattern.compile("([\\d.]+[kMG]?) MACs\\b.*");
  private static final Pattern CPU = Pattern.compile("([\\d.]+[kMG]?) CPU cycles\\b.*");
  private static final Pattern ACC = Pattern.compile("([\\d.]+[kMG]?) Accelerator cycles\\b.*");
  private static final Pattern MS = Pattern.compile("([\\d.]+) ms\\b.*");

  private MltkLogParser() {}

  /** A layer being filled. */
  private static final class Row {
    String opcode = "";
    long ops;
    long macs;
    long cpu;
    long acc;
    double time = Double.NaN;
  }

  /**
   * @param source what to call the log in messages
   * @throws KilnException naming the source and line when the log reports a failure or holds no op
   */
  public static DeviceProfile parse(String log, String source) {
    long clock = 0;
    long memory = 0;
    boolean emulated = false;
    String accelerator = "";
    Map<Integer, String> reasons = new HashMap<>();
    TreeMap<Integer, Row> rows = new TreeMap<>();
    Row current = null;
    String[] lines = log.split("\\r?\\n|\\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = MltkLog.NOT_SUPPORTED.matcher(line)).matches()) {
        reasons.put(Integer.parseInt(m.group(1)), m.group(3).strip());
        continue;
      }
      if (MltkLog.isFailure(line)) {
        throw new KilnException("board log " + source + ": the board reported a failure at line "
            + (i + 1) + ": " + line);
      }
      if (line.contains(MltkLog.EMULATOR_MARK)) {
        emulated = true;
      }
      if ((m = CLOCK.matcher(line)).matches()) {
        clock = MltkLog.number(m.group(1));
        continue;
      }
      if ((m = ACCELERATOR.matcher(line)).matches()) {
        accelerator = m.group(1).toLowerCase(java.util.Locale.ROOT);
        continue;
      }
      if ((m = MEMORY.matcher(line)).matches()) {
        memory = MltkLog.number(m.group(1));
        continue;
      }
      if ((m = LAYER.matcher(line)).matches()) {
        current = rows.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new Row());
        current.opcode = m.group(2);
        continue;
      }
      if (current == null) {
        continue;
      }
      // a line's content says which figure it is: the metrics block holds OPs and MACs, the
      // results block time and cycles (an op without OPs and MACs, a RESHAPE, has only the
      // results block; MLTK's parser, which counts blocks, leaves its cycles at 0)
      if ((m = OPS.matcher(line)).matches()) {
        current.ops = MltkLog.number(m.group(1));
      } else if ((m = MACS.matcher(line)).matches()) {
        current.macs = MltkLog.number(m.group(1));
      } else if ((m = MS.matcher(line)).matches()) {
        current.time = Double.parseDouble(m.group(1)) / 1e3;
      } else if ((m = CPU.matcher(line)).matches()) {
        current.cpu = MltkLog.number(m.group(1));
      } else if ((m = ACC.matcher(line)).matches()) {
        current.acc = MltkLog.number(m.group(1));
      } else if (!Character.isDigit(line.charAt(0))) {
        current = null; // another profiler's name (the whole inference's), or the log moved on
      }
    }
    if (rows.isEmpty()) {
      throw new KilnException("board log " + source + ": holds no model profile (no OpN-NAME"
          + " lines; expected the output of MLTK's model_profiler firmware)");
    }
    List<DeviceProfile.Layer> layers = new ArrayList<>();
    int count = rows.lastKey() + 1;
    for (int i = 0; i < count; i++) {
      Row r = rows.getOrDefault(i, new Row());
      layers.add(new DeviceProfile.Layer(i, r.opcode, r.ops, r.macs, r.cpu, r.acc, r.time,
          reasons.getOrDefault(i, "")));
    }
    return new DeviceProfile(emulated ? MltkLog.EMULATOR_MARK : "", "mltk-log", emulated, accelerator, clock,
        memory, layers);
  }
}
