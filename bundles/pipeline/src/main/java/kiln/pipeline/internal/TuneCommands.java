package kiln.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import kiln.api.KilnException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/**
 * Gogo command {@code kiln:tune}: hardware-aware model search. It only starts the search driver (a
 * child process running Apache Spark outside the framework, see {@link TuneLauncher}) and streams
 * its progress; the driver checks the options.
 */
@Component(service = TuneCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=tune"})
public class TuneCommands {
  @Descriptor("search a spec's hyper-parameters for the most accurate model within RAM, flash and latency budgets;"
      + " trials run on Apache Spark (local by default)")
  public String tune(
      @Descriptor("accelerator the budgets and profiles are for (default: none)")
          @Parameter(names = {"-a", "--accelerator"}, absentValue = "") String accelerator,
      @Descriptor("RAM budget, e.g. 64k (bytes, k = 1024, M)") @Parameter(names = {"--max-ram"}, absentValue = "")
          String maxRam,
      @Descriptor("flash budget, e.g. 256k") @Parameter(names = {"--max-flash"}, absentValue = "") String maxFlash,
      @Descriptor("latency budget, e.g. 20ms (us, ms, s)") @Parameter(names = {"--max-latency"}, absentValue = "")
          String maxLatency,
      @Descriptor("what the best trial maximizes: val_accuracy or int8_accuracy (default)")
          @Parameter(names = {"--objective"}, absentValue = "") String objective,
      @Descriptor("number of trials (default: the whole grid, at most 16 for random)")
          @Parameter(names = {"--trials"}, absentValue = "") String trials,
      @Descriptor("random, grid or hyperband (successive halving)") @Parameter(names = {"--strategy"}, absentValue = "")
          String strategy,
      @Descriptor("training epochs of a trial (hyperband: of its last round)")
          @Parameter(names = {"--epochs-per-trial"}, absentValue = "") String epochs,
      @Descriptor("local (default), local[N], spark://HOST:PORT, yarn or k8s://...: Spark's master")
          @Parameter(names = {"--engine"}, absentValue = "") String engine,
      @Descriptor("trials trained at once on this machine with --engine local (default 2)")
          @Parameter(names = {"--parallel"}, absentValue = "") String parallel,
      @Descriptor("random seed of the trial sampling and of every training (default 42)")
          @Parameter(names = {"--seed"}, absentValue = "") String seed,
      @Descriptor("output folder (default: tune-NAME)") @Parameter(names = {"-o", "--output"}, absentValue = "")
          String output,
      @Descriptor("continue an interrupted search: trials with a finished result are not run again")
          @Parameter(names = {"--resume"}, presentValue = "true", absentValue = "false") boolean resume,
      @Descriptor("model name or NAME.java path") String model) {
    List<String> args = new ArrayList<>();
    add(args, "--accelerator", accelerator);
    add(args, "--max-ram", maxRam);
    add(args, "--max-flash", maxFlash);
    add(args, "--max-latency", maxLatency);
    add(args, "--objective", objective);
    add(args, "--trials", trials);
    add(args, "--strategy", strategy);
    add(args, "--epochs-per-trial", epochs);
    add(args, "--engine", engine);
    add(args, "--parallel", parallel);
    add(args, "--seed", seed);
    // relative paths are the user's: the driver runs in the same working directory
    add(args, "-o", output.isBlank() ? "" : Path.of(output).toAbsolutePath().toString());
    if (resume) {
      args.add("--resume");
    }
    args.add(model);
    Path jar = TuneLauncher.kilnJar();
    List<String> cmd = TuneLauncher.command(TuneLauncher.java(), jar, TuneLauncher.tuneDir(jar),
        TuneLauncher.kilnHome(), args);
    int status = TuneLauncher.run(cmd, ConsoleProgress.INSTANCE);
    if (status != 0) {
      throw new KilnException("kiln:tune " + model + ": the search failed (driver exit status " + status
          + "; its output is above)");
    }
    return "";
  }

  private static void add(List<String> args, String option, String value) {
    if (value != null && !value.isBlank()) {
      args.add(option);
      args.add(value);
    }
  }
}
