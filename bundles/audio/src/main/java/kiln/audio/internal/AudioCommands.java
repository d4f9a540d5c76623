package kiln.audio.internal;

import java.nio.file.Path;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/** Gogo commands of the audio bundle. */
@Component(service = AudioCommands.class, property = {
    "osgi.command.scope=kiln",
    "osgi.command.function=features"})
public class AudioCommands {
  @Descriptor("run a wav file through the bit-exact audio frontend (fresh state, whole file); "
      + "prints a summary and, with -o, writes the raw little-endian features (frames x channels)")
  public String features(
      @Descriptor("micro_speech (default), mltk_default, a .json file of fe.* settings, or a .tflite model with fe.* parameters")
      @Parameter(names = {"--settings", "-s"}, absentValue = "micro_speech") String settings,
      @Descriptor("uint16 (raw, default), int8 or float32")
      @Parameter(names = {"--dtype", "-d"}, absentValue = "uint16") String dtype,
      @Descriptor("output file for the raw values")
      @Parameter(names = {"-o", "--output"}, absentValue = "") String output,
      @Descriptor("the wav file") String file) {
    return FeaturesTool.run(Path.of(file), settings, dtype, output.isEmpty() ? null : Path.of(output));
  }
}
