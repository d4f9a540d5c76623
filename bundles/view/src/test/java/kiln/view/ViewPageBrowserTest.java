package kiln.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser (headless Chromium): every op is drawn, {@code #select=N} clicks op
 * N and the details panel shows it, the memory plan draws every buffer, and a screenshot is not
 * blank. The screenshots stay in {@code target/view-screenshots}.
 */
class ViewPageBrowserTest {
  static final Path OUT = Path.of("target/view-screenshots");

  private Path page(String accelerator) throws Exception {
    Files.createDirectories(OUT);
    Path model = Fixtures.file("mltk/tflite_micro_speech.tflite");
    String name = "tflite_micro_speech" + (accelerator.isEmpty() ? "" : "-" + accelerator) + ".html";
    ViewCommand.run(model.toAbsolutePath().toString(), name, false, accelerator,
        Fixtures.accelerators(), OUT.toAbsolutePath(), Fixtures.interpreter());
    return OUT.resolve(name).toAbsolutePath();
  }

  @Test
  void everyOpIsDrawnAndSelectShowsTheNodesDetails() throws Exception {
    Path page = page("");
    String dom = Chromium.find(OUT).dumpDom(page, "select=3");
    assertThat(count(dom, "<g class=\"op-node[^\"]*\" data-op=\"\\d+\"")).isEqualTo(4);
    assertThat(dom).contains("data-ops=\"4\"").contains("data-nodes=\"4\"");
    // the click handler ran: op 3 is selected and the panel shows its details
    assertThat(dom).containsPattern("<g class=\"op-node selected\" data-op=\"3\"")
        .contains("<aside id=\"details\" data-op=\"3\">")
        .contains("<h2>Op #3 SOFTMAX</h2>")
        .contains("<td>MACs</td>");
    assertThat(section(dom, "<aside id=\"details\"", "</aside>"))
        .contains("scale 0.003906, zero point -128").contains("Input 0").contains("Output 0");
  }

  @Test
  void theAcceleratorColoursTheNodesAndTheMemoryViewOpens() throws Exception {
    Path page = page("mvp");
    String dom = Chromium.find(OUT).dumpDom(page, "view=memory&select=0");
    assertThat(count(dom, "class=\"op-node (supported|unsupported)")).isEqualTo(4);
    assertThat(dom).contains("<section id=\"memory-view\" class=\"view\">")
        .contains("<section id=\"graph-view\" class=\"view hidden\">");
    assertThat(count(dom, "<rect class=\"buffer")).isGreaterThanOrEqualTo(4);
    assertThat(section(dom, "<aside id=\"details\"", "</aside>")).contains("<td>supported</td>")
        .contains("<td>cycles</td>");
  }

  @Test
  void theScreenshotIsNotBlank() throws Exception {
    Path page = page("mvp");
    Path png = OUT.resolve("tflite_micro_speech-mvp.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Chromium.find(OUT).screenshot(page, "select=0", png, 1400, 900);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1400);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    // the page's background, the nodes' fills and borders, text: far more than one colour
    assertThat(colours.size()).isGreaterThan(10);
  }

  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String section(String s, String from, String to) {
    int a = s.indexOf(from);
    assertThat(a).as(from).isGreaterThanOrEqualTo(0);
    return s.substring(a, s.indexOf(to, a));
  }
}
