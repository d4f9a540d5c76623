package kiln.evaluate.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrainingHistoryPlotTest {
  @Test
  void lossAndAccuracyPanels() throws Exception {
    Map<String, List<Double>> h = new LinkedHashMap<>();
    h.put("loss", List.of(0.9, 0.5, 0.3));
    h.put("accuracy", List.of(0.5, 0.7, 0.9));
    h.put("val_loss", List.of(1.0, 0.6, 0.4));
    h.put("val_accuracy", List.of(0.4, 0.6, 0.85));
    h.put("lr", List.of(0.001, 0.001, 0.0005));
    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(TrainingHistoryPlot.render("kws", h, 0)));
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(700); // loss and accuracy, lr not plotted
  }

  @Test
  void emptyHistoryStillGivesAnImage() throws Exception {
    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(TrainingHistoryPlot.render("kws", Map.of(), 0)));
    assertThat(img.getHeight()).isEqualTo(350);
  }

  @Test
  void densityHistogramIntegratesToOne() {
    double[][] steps = AutoencoderPlots.densitySteps(new float[] {0, 0.5f, 1, 1}, 0, 1);
    double area = 0;
    for (int i = 0; i < steps[0].length; i += 2) {
      area += (steps[0][i + 1] - steps[0][i]) * steps[1][i];
    }
    assertThat(area).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }
}
