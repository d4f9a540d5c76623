package kiln.tflite.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import kiln.tflite.ParameterUpdate;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/** Gogo commands of the .tflite bundle (kiln:summarize is the shell's, through Summarizer). */
@Component(service = TfliteCommands.class, property = {"osgi.command.scope=kiln",
    "osgi.command.function=update_params"})
public class TfliteCommands {
  @Descriptor("add or change model parameters of a .tflite (key=value, types inferred), "
      + "refreshing its hash and date; writes atomically")
  public String update_params(
      @Descriptor("JSON object file of parameters") @Parameter(names = "--params",
          absentValue = "") String paramsFile,
      @Descriptor("new model description") @Parameter(names = "--description",
          absentValue = "") String description,
      @Descriptor("output file (default: update in place)") @Parameter(names = {"-o", "--output"},
          absentValue = "") String output,
      @Descriptor("the .tflite file") String file,
      @Descriptor("key=value ...") String... assignments) {
    return ParameterUpdate.update(Path.of(file), Arrays.asList(assignments),
        paramsFile.isEmpty() ? null : Path.of(paramsFile),
        description.isEmpty() ? null : description,
        output.isEmpty() ? null : Path.of(output), Instant.now());
  }
}
