package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.flatbuffers.FlexBuffersBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * DETECTION_POSTPROCESS (TFLite_Detection_PostProcess): random SSD-like inputs, both NMS modes,
 * compared with TFLite 2.20's kernel (the detections it reports, their boxes, classes and scores),
 * and a case worked by hand.
 */
class DetectionPostprocessTest {
  static byte[] options(int maxDetections, int classes, boolean regular, float iou, float threshold) {
    FlexBuffersBuilder b = new FlexBuffersBuilder(ByteBuffer.allocate(512), FlexBuffersBuilder.BUILDER_FLAG_SHARE_KEYS);
    int start = b.startMap();
    b.putInt("max_detections", maxDetections);
    b.putInt("max_classes_per_detection", 1);
    b.putInt("detections_per_class", 100);
    b.putBoolean("use_regular_nms", regular);
    b.putFloat("nms_score_threshold", threshold);
    b.putFloat("nms_iou_threshold", iou);
    b.putInt("num_classes", classes);
    b.putFloat("y_scale", 10);
    b.putFloat("x_scale", 10);
    b.putFloat("h_scale", 5);
    b.putFloat("w_scale", 5);
    b.endMap(null, start);
    ByteBuffer bb = b.finish();
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    return out;
  }

  /** boxes [1,n,4], scores [1,n,classes+1], anchors [n,4] (a constant) -> the four outputs. */
  static TfliteModel model(int n, int classes, int maxDetections, byte[] options, float[] anchors) {
    OpModelWriter w = new OpModelWriter(1) {};
    w.start();
    int boxes = w.act(TensorType.FLOAT32, new int[] {1, n, 4}, 0, 0);
    int scores = w.act(TensorType.FLOAT32, new int[] {1, n, classes + 1}, 0, 0);
    int anc = w.constFloat(new int[] {n, 4}, anchors);
    int ob = w.act(TensorType.FLOAT32, new int[] {1, maxDetections, 4}, 0, 0);
    int oc = w.act(TensorType.FLOAT32, new int[] {1, maxDetections}, 0, 0);
    int os = w.act(TensorType.FLOAT32, new int[] {1, maxDetections}, 0, 0);
    int on = w.act(TensorType.FLOAT32, new int[] {1}, 0, 0);
    w.g.operators().add(new Operator(OperatorCode.custom("TFLite_Detection_PostProcess", 1),
        new int[] {boxes, scores, anc}, new int[] {ob, oc, os, on}, null).setCustomOptions(options));
    w.g.setInputs(new int[] {boxes, scores}).setOutputs(new int[] {ob, oc, os, on});
    TfliteModel m = new TfliteModel();
    m.addSubgraph(w.g);
    return m;
  }

  static byte[] bytes(float[] f) {
    ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(f);
    return b.array();
  }

  static float[] floats(byte[] b) {
    float[] f = new float[b.length / 4];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
    return f;
  }

  @Test
  void randomInputsMatchTflite() {
    Random r = new Random(20261205L);
    int compared = 0;
    for (int i = 0; i < 24; i++) {
      int n = 5 + r.nextInt(30);
      int classes = 1 + r.nextInt(4);
      int maxDetections = 1 + r.nextInt(8);
      boolean regular = i % 2 == 0;
      float[] anchors = new float[n * 4];
      for (int b = 0; b < n; b++) {
        anchors[b * 4] = r.nextFloat();
        anchors[b * 4 + 1] = r.nextFloat();
        anchors[b * 4 + 2] = 0.1f + 0.4f * r.nextFloat();
        anchors[b * 4 + 3] = 0.1f + 0.4f * r.nextFloat();
      }
      float[] boxes = new float[n * 4];
      for (int k = 0; k < boxes.length; k++) {
        boxes[k] = (float) r.nextGaussian();
      }
      float[] scores = new float[n * (classes + 1)];
      for (int k = 0; k < scores.length; k++) {
        scores[k] = r.nextFloat();
      }
      TfliteModel model = model(n, classes, maxDetections, options(maxDetections, classes, regular,
          0.3f + 0.5f * r.nextFloat(), 0.2f * r.nextFloat()), anchors);
      MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "dp #" + i));
      System.arraycopy(boxes, 0, m.tensor(m.graph().inputs()[0]).f32, 0, boxes.length);
      System.arraycopy(scores, 0, m.tensor(m.graph().inputs()[1]).f32, 0, scores.length);
      m.invoke();
      List<byte[]> ref;
      try (TfliteOracle oracle = new TfliteOracle(model.toBytes())) {
        ref = oracle.run(List.of(bytes(boxes), bytes(scores)), 4);
      }
      int[] outs = m.graph().outputs();
      float count = m.tensor(outs[3]).f32[0];
      assertThat(count).as("#%d count", i).isEqualTo(floats(ref.get(3))[0]);
      int c = (int) count;
      float[] kb = m.tensor(outs[0]).f32;
      float[] rb = floats(ref.get(0));
      for (int k = 0; k < c * 4; k++) {
        assertThat(kb[k]).as("#%d box value %d", i, k).isCloseTo(rb[k], within(1e-6f));
      }
      for (int k = 0; k < c; k++) {
        assertThat(m.tensor(outs[1]).f32[k]).as("#%d class %d", i, k).isEqualTo(floats(ref.get(1))[k]);
        assertThat(m.tensor(outs[2]).f32[k]).as("#%d score %d", i, k).isEqualTo(floats(ref.get(2))[k]);
      }
      compared += c;
    }
    assertThat(compared).isGreaterThan(40);
  }

  /**
   * Two boxes on anchors (0.5, 0.5, 0.2, 0.2) and (0.55, 0.5, 0.2, 0.2) with zero encodings
   * decode to their anchors: [0.4, 0.4, 0.6, 0.6] and [0.45, 0.4, 0.65, 0.6]; their IoU is
   * 0.03 / (0.04 + 0.04 - 0.03) = 0.6 > 0.5, so fast NMS keeps only the better one (class 0 scores
   * 0.9 and 0.8, background column first).
   */
  @Test
  void overlappingBoxesWorkedByHand() {
    float[] anchors = {0.5f, 0.5f, 0.2f, 0.2f, 0.55f, 0.5f, 0.2f, 0.2f};
    TfliteModel model = model(2, 1, 2, options(2, 1, false, 0.5f, 0.1f), anchors);
    MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "dp"));
    float[] scores = {0f, 0.9f, 0f, 0.8f};
    System.arraycopy(scores, 0, m.tensor(m.graph().inputs()[1]).f32, 0, 4);
    m.invoke();
    int[] outs = m.graph().outputs();
    assertThat(m.tensor(outs[3]).f32[0]).isEqualTo(1f);
    assertThat(m.tensor(outs[0]).f32).startsWith(0.4f, 0.4f, 0.6f, 0.6f);
    assertThat(m.tensor(outs[1]).f32[0]).isEqualTo(0f);
    assertThat(m.tensor(outs[2]).f32[0]).isEqualTo(0.9f);
  }
}
