package kiln.emulator;

import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.audio.classify.ClassifyAudioRecognizer;
import kiln.evaluate.ModelOutputs;
import kiln.image.ImageInput;
import kiln.micro.MicroModel;
import kiln.platform.serial.protocol.StreamEvent;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;

/**
 * The emulated board's camera: the images of the folder given at start-up
 * ({@code --stream-images}), in name order, are its frames, one every {@link #FRAME_MS}. Each is
 * read as {@code kiln:classify_image} reads a file ({@link ImageInput}: the input's size, the
 * model's {@code samplewise_norm.*}), quantized with the input's scale and zero point and run; the
 * frame's top class is an event, its score on MLTK's uint8 scale (int8 output + 128, float output
 * x 255, as MLTK's firmware reports). No smoothing: every frame is reported, as
 * {@code kiln:classify_image} reports every file.
 */
final class ImageEventStream extends EventStream {
  static final int FRAME_MS = 100;

  private final MicroModel model;
  private final List<String> classes;
  private final List<Path> frames;
  private final ImageInput input;
  private final int[] shape;
  private int next;

  ImageEventStream(EmulatedBoard board, Path dir, boolean fast, long maxEvents, Sink sink) {
    super(fast, maxEvents, sink);
    this.model = board.requireModel();
    ModelParameters params = TfliteModel.read(board.modelBytes(), "loaded model").parameters();
    this.classes = EmulatedBoard.classes(params);
    this.shape = model.inputs().get(0).shape();
    ImageInput.checkShape(model.inputs().size(), shape, "the loaded model");
    TensorSpec out = model.outputs().get(0);
    if (TensorData.elementCount(out.shape()) != classes.size()
        || (out.type() != ElementType.INT8 && out.type() != ElementType.FLOAT32)) {
      throw new KilnException("the model's output must hold one int8 or float32 score per class ("
          + classes.size() + "), found " + out.type() + java.util.Arrays.toString(out.shape()));
    }
    this.input = ImageInput.of(params::get, "the loaded model");
    this.frames = ImageInput.files(dir);
  }

  @Override
  boolean hasNext() {
    return next < frames.size();
  }

  @Override
  Tick next() {
    Path frame = frames.get(next++);
    TensorSpec in = model.inputs().get(0);
    TensorData out = model.run(List.of(ModelOutputs.quantize(input.read(frame, shape), in))).get(0);
    int[] scores = out.type() == ElementType.INT8
        ? ClassifyAudioRecognizer.fromInt8(out.bytes()) : ClassifyAudioRecognizer.fromFloat(out.toFloats());
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      best = scores[i] > scores[best] ? i : best;
    }
    long timeMs = (long) next * FRAME_MS;
    return new Tick(timeMs, new StreamEvent(timeMs, best, scores[best], classes.get(best)));
  }
}
