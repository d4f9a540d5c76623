package kiln.view;

import kiln.tflite.ModelFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.tflite.LayerInfos;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.Target;

/**
 * What the page draws, as plain maps and lists for JSON: the model, every tensor, every op (type,
 * output, quantization, parameters, MACs, options, the accelerator's verdict and cycles), the
 * edges between ops (non-constant tensors) and the arena's memory plan.
 */
final class GraphData {
  private GraphData() {}

  /**
   * @param accelerator colours the ops by its verdict and costs them; null for none
   */
  static Map<String, Object> of(ModelFiles.Model file, String acceleratorName, Accelerator accelerator,
      java.util.Collection<String> notRunnable) {
    TfliteModel model = TfliteModel.read(file.tflite(), file.name());
    Subgraph g = model.mainSubgraph();
    List<Operator> operators = g.operators();
    int[] producer = producers(g);
    long[] scratch = new long[operators.size()];
    List<Map<String, Object>> ops = new ArrayList<>();
    long macs = 0;
    long params = 0;
    int unsupported = 0;
    for (int i = 0; i < operators.size(); i++) {
      Operator op = operators.get(i);
      LayerInfo info = LayerInfos.info(g, i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", i);
      m.put("type", info.opcode().toUpperCase(Locale.ROOT));
      m.put("inputs", indices(op.inputs()));
      m.put("outputs", indices(op.outputs()));
      m.put("output", op.outputs().length == 0 || g.outputOf(op, 0) == null ? null : op.output(0));
      long p = parameters(g, op);
      m.put("params", p);
      m.put("macs", info.macs());
      m.put("opsCount", info.ops());
      m.put("options", OpLayers.allOptions(op.options()));
      if (accelerator != null) {
        Map<String, Object> verdict = verdict(accelerator, acceleratorName, info, op.checkName(), notRunnable);
        m.put("verdict", verdict);
        scratch[i] = accelerator.scratchBytes(info);
        unsupported += Boolean.TRUE.equals(verdict.get("supported")) ? 0 : 1;
      }
      macs += info.macs();
      params += p;
      ops.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", file.name());
    summary.put("origin", file.origin());
    summary.put("description", model.description());
    summary.put("fileBytes", file.tflite().length);
    summary.put("ops", operators.size());
    summary.put("tensors", g.tensors().size());
    summary.put("params", params);
    summary.put("macs", macs);
    summary.put("inputs", indices(g.inputs()));
    summary.put("outputs", indices(g.outputs()));
    if (accelerator != null) {
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("name", acceleratorName);
      acc.put("description", accelerator.description());
      acc.put("clockHz", accelerator.clockHz());
      acc.put("unsupported", unsupported);
      summary.put("accelerator", acc);
    }
    data.put("model", summary);
    data.put("tensors", tensors(g, producer));
    data.put("ops", ops);
    data.put("edges", edges(g, producer));
    // with an accelerator its kernels' scratch replaces the reference kernels', as kiln:profile does
    ArenaModel.Scratch s = accelerator == null ? ArenaModel.referenceScratch(g)
        : i -> scratch[i] > 0 ? new long[] {scratch[i]} : new long[0];
    data.put("memory", memory(MemoryPlan.of(g, Target.CORTEX_M, s)));
    return data;
  }

  /**
   * Weights and biases: the elements of the op's constant inputs, leaving out integer constants
   * that are shapes, axes or paddings (only convolutions and fully connected layers have int32
   * biases; TRANSPOSE_CONV's input 0 is its output shape).
   */
  static long parameters(Subgraph g, Operator op) {
    BuiltinOp code = op.op();
    boolean hasBias = code == BuiltinOp.CONV_2D || code == BuiltinOp.DEPTHWISE_CONV_2D
        || code == BuiltinOp.FULLY_CONNECTED || code == BuiltinOp.TRANSPOSE_CONV;
    long p = 0;
    for (int k = 0; k < op.inputs().length; k++) {
      Tensor t = g.inputOf(op, k);
      if (t == null || !t.hasData()) {
        continue;
      }
      boolean integer = t.type() == TensorType.INT32 || t.type() == TensorType.INT64;
      if (!integer || (hasBias && !(code == BuiltinOp.TRANSPOSE_CONV && k == 0))) {
        p += t.elementCount();
      }
    }
    return p;
  }

  private static Map<String, Object> verdict(Accelerator accelerator, String name, LayerInfo info, String op,
      java.util.Collection<String> notRunnable) {
    LayerCost cost;
    try {
      cost = accelerator.cost(info).runnableBy(op, notRunnable);
    } catch (RuntimeException e) {
      throw new KilnException("accelerator " + name + " failed on op #" + info.index() + " ("
          + info.opcode() + "): " + e, e);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("supported", cost.supported());
    v.put("reason", cost.reason() == null ? "" : cost.reason());
    v.put("acceleratorCycles", Math.round(cost.acceleratorCycles()));
    v.put("cpuCycles", Math.round(cost.cpuCycles()));
    double cycles = Math.max(cost.acceleratorCycles(), cost.cpuCycles());
    v.put("cycles", Math.round(cycles));
    v.put("timeMs", cycles * 1000.0 / accelerator.clockHz());
    return v;
  }

  /** The op that writes each tensor, -1 for graph inputs and constants. */
  private static int[] producers(Subgraph g) {
    int[] producer = new int[g.tensors().size()];
    Arrays.fill(producer, -1);
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      for (int t : ops.get(i).outputs()) {
        if (t >= 0 && t < producer.length && producer[t] == -1) {
          producer[t] = i;
        }
      }
    }
    return producer;
  }

  private static List<Map<String, Object>> tensors(Subgraph g, int[] producer) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < g.tensors().size(); i++) {
      Tensor t = g.tensor(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", i);
      m.put("name", t.name());
      m.put("type", t.type().displayName());
      m.put("shape", t.shape());
      m.put("bytes", Math.max(0, t.byteSize()));
      m.put("constant", t.hasData());
      m.put("variable", t.isVariable());
      m.put("producer", producer[i]);
      m.put("quantization", quantization(t.quantization()));
      out.add(m);
    }
    return out;
  }

  /** Scale and zero point (the first channel's), and how many channels are quantized separately. */
  static Map<String, Object> quantization(Quantization q) {
    if (q == null || q.isEmpty() || q.scales().length == 0) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    float[] scales = q.scales();
    m.put("scale", scales[0]);
    m.put("zeroPoint", q.zeroPoints().length == 0 ? 0 : q.zeroPoints()[0]);
    m.put("channels", scales.length);
    if (scales.length > 1) {
      float min = scales[0];
      float max = scales[0];
      for (float s : scales) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      m.put("dimension", q.quantizedDimension());
      m.put("minScale", min);
      m.put("maxScale", max);
    }
    return m;
  }

  /**
   * One edge per (producer, consumer, tensor): from an op ({@code op3}) or a graph input
   * ({@code in0}) to an op or a graph output ({@code out0}). Constants (weights, biases) are no
   * edges; the details list them.
   */
  private static List<Map<String, Object>> edges(Subgraph g, int[] producer) {
    List<Map<String, Object>> out = new ArrayList<>();
    int[] inputs = g.inputs();
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      for (int t : ops.get(i).inputs()) {
        if (t < 0 || t >= producer.length || g.tensor(t).hasData()) {
          continue;
        }
        String from = producer[t] >= 0 ? "op" + producer[t] : graphInput(inputs, t);
        if (from != null) {
          out.add(edge(from, "op" + i, t, g));
        }
      }
    }
    int[] outputs = g.outputs();
    for (int k = 0; k < outputs.length; k++) {
      int t = outputs[k];
      if (t >= 0 && t < producer.length) {
        String from = producer[t] >= 0 ? "op" + producer[t] : graphInput(inputs, t);
        if (from != null) {
          out.add(edge(from, "out" + k, t, g));
        }
      }
    }
    return out;
  }

  private static String graphInput(int[] inputs, int tensor) {
    for (int k = 0; k < inputs.length; k++) {
      if (inputs[k] == tensor) {
        return "in" + k;
      }
    }
    return null; // read before anything writes it (a malformed graph): no edge to draw
  }

  private static Map<String, Object> edge(String from, String to, int tensor, Subgraph g) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("from", from);
    e.put("to", to);
    e.put("tensor", tensor);
    e.put("bytes", Math.max(0, g.tensor(tensor).byteSize()));
    return e;
  }

  private static Map<String, Object> memory(MemoryPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", "cortex-m (32-bit)");
    m.put("total", plan.report().total());
    m.put("planned", plan.planned());
    m.put("persistent", plan.report().tail());
    List<Map<String, Object>> buffers = new ArrayList<>();
    for (MemoryPlan.Buffer b : plan.buffers()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("tensor", b.tensor());
      x.put("op", b.op());
      x.put("name", b.name());
      x.put("bytes", b.bytes());
      x.put("offset", b.offset());
      x.put("first", b.first());
      x.put("last", b.last());
      buffers.add(x);
    }
    m.put("buffers", buffers);
    m.put("persistentItems", plan.report().tailItems());
    return m;
  }

  private static List<Integer> indices(int[] a) {
    List<Integer> l = new ArrayList<>(a.length);
    for (int v : a) {
      l.add(v);
    }
    return l;
  }
}
