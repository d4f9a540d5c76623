package kiln.micro.internal;

import java.nio.file.Path;
import kiln.micro.InferCommand;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/** Gogo commands of the micro runtime. */
@Component(
    service = MicroCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=infer"})
public class MicroCommands {
  @Descriptor("run one inference of a .tflite model in Kiln's micro runtime")
  public String infer(
      @Descriptor("write output 0's raw bytes to this file")
          @Parameter(names = {"--output", "-o"}, absentValue = "")
          String output,
      @Descriptor("the .tflite model") String model,
      @Descriptor("input: raw bytes in the input's type, a .npy, or a .wav (features from the model's fe.* parameters)") String input) {
    return InferCommand.run(Path.of(model), Path.of(input),
        output.isEmpty() ? null : Path.of(output));
  }
}
