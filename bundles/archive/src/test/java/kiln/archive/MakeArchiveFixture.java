package kiln.archive;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;

/**
 * Made {@code src/test/resources/kws_v1.kiln.zip}, the archive format 1 fixture that
 * {@link OldArchiveTest} keeps reading in later versions. Run once by hand; never re-run to
 * "fix" the test: the point of the file is that it does not change.
 */
public final class MakeArchiveFixture {
  private MakeArchiveFixture() {}

  public static void main(String[] args) {
    Path out = Paths.get(args.length > 0 ? args[0] : "src/test/resources/kws_v1.kiln.zip");
    Weights w = new Weights();
    w.put("conv2d/kernel", TensorData.ofFloat32(new int[] {2, 2, 1, 2},
        new float[] {0.5f, -0.5f, 1f, -1f, 0.25f, -0.25f, 2f, -2f}));
    w.put("conv2d/bias", TensorData.ofFloat32(new int[] {2}, new float[] {0.125f, -0.125f}));
    w.put("batch_normalization/moving_variance",
        TensorData.ofFloat32(new int[] {2}, new float[] {1f, 3f}));
    Map<String, List<Double>> h = new LinkedHashMap<>();
    h.put("loss", List.of(0.9, 0.5, 0.25));
    h.put("accuracy", List.of(0.5, 0.75, 0.875));
    h.put("val_loss", List.of(1.0, 0.625, 0.375));
    h.put("val_accuracy", List.of(0.5, 0.625, 0.75));
    Provenance p = Provenance.builder("kws_v1")
        .specSource("// @kiln_model\npublic class kws_v1 {}\n".getBytes())
        .dataset("yes_no", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")
        .seed(42)
        .setting("epochs", 3)
        .setting("batch_size", 32)
        .setting("optimizer", "adam")
        .kilnVersion("0.1.0")
        .bundle("kiln.archive", "0.1.0")
        .tensorflowVersion("2.18.0")
        .started(Instant.parse("2026-11-21T10:00:00Z"))
        .finished(Instant.parse("2026-11-21T10:05:30Z"))
        .build();
    new ArchiveContents("kws_v1")
        .spec("// @kiln_model\npublic class kws_v1 {}\n")
        .weights(w)
        .summary("Model: kws_v1 (fixture)\n")
        .tflite(new byte[] {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'})
        .trainLog("Epoch 1/3\nEpoch 2/3\nEpoch 3/3\n")
        .history(TrainingHistory.of(h, 0, Map.of("epochs", 3, "steps", 10)), null)
        .provenance(p)
        .put("eval/float/summary.txt", "Name: kws_v1\nModel Type: classification\n".getBytes())
        .writeTo(out);
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
