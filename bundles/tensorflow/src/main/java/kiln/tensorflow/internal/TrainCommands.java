package kiln.tensorflow.internal;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.ServiceNames;
import kiln.api.data.DatasetProvider;
import kiln.augment.AudioDataGenerators;
import kiln.spec.ModelFinder;
import kiln.tensorflow.train.PostTrainingHook;
import kiln.tensorflow.train.TrainCommand;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gogo command {@code kiln:train}. */
@Component(service = TrainCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=train"})
public class TrainCommands {
  private static final String POST_TRAINING = "kiln.quantize.PostTraining";

  @Reference
  ModelFinder finder;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile AudioDataGenerators generators;

  private final Map<String, DatasetProvider> datasets = new ConcurrentHashMap<>();
  private BundleContext context;

  @Activate
  void activate(BundleContext ctx) {
    this.context = ctx;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDataset(DatasetProvider p, Map<String, Object> props) {
    datasets.put(String.valueOf(props.get(ServiceNames.NAME)), p);
  }

  void removeDataset(DatasetProvider p, Map<String, Object> props) {
    datasets.remove(String.valueOf(props.get(ServiceNames.NAME)), p);
  }

  @Descriptor("train a model specification with TensorFlow, write NAME.kiln.zip, then quantize and evaluate it")
  public String train(
      @Descriptor("train for this many epochs instead of the spec's")
          @Parameter(names = {"--epochs"}, absentValue = "0") int epochs,
      @Descriptor("continue from the newest checkpoint, at its epoch")
          @Parameter(names = {"--resume"}, presentValue = "true", absentValue = "false") boolean resume,
      @Descriptor("delete the previous run's checkpoints and logs first")
          @Parameter(names = {"--clean"}, presentValue = "true", absentValue = "false") boolean clean,
      @Descriptor("model name, NAME-test for a dry run (1 epoch, 3 samples per class), or a NAME.java path")
          String model) {
    try {
      AudioDataGenerators g = generators;
      TrainCommand command = new TrainCommand(new TrainCommand.Services(finder, datasets::get,
          new TreeSet<>(datasets.keySet()), g == null ? null : g::builder, postTraining()));
      return command.run(model, epochs, resume, clean, new ConsoleProgress());
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (Boolean.getBoolean("kiln.debug")) {
        e.printStackTrace(ConsoleProgress.STDOUT);
      }
      // say what went wrong inside instead of a bare reflection wrapper
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new KilnException("training " + model + " failed: " + e + (root == e ? "" : " (caused by " + root + ")"), e);
    }
  }

  /** kiln.quantize's PostTraining when it is installed and its package is wired to this bundle. */
  private PostTrainingHook postTraining() {
    ServiceReference<?> ref = context.getServiceReference(POST_TRAINING);
    if (ref == null) {
      return null;
    }
    Object service = context.getService(ref);
    try {
      return service == null ? null : PostTrainingAdapter.of(service);
    } catch (LinkageError | ClassCastException e) {
      return null;
    }
  }

  /**
   * Prints epoch lines as they come (the command's result is printed at the end) straight to the
   * process's standard output: inside a command System.out is Gogo's per-thread stream, which the
   * headless runner's session points back at itself (printing there recurses until the stack
   * overflows).
   */
  static final class ConsoleProgress implements Progress {
    private static final java.io.PrintStream STDOUT = new java.io.PrintStream(
        new java.io.FileOutputStream(java.io.FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8);
    private final java.io.PrintStream out = STDOUT;

    @Override
    public void report(String task, long done, long total) {}

    @Override
    public void message(String line) {
      out.println(line);
      out.flush();
    }
  }
}
