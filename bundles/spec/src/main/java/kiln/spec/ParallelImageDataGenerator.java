package kiln.spec;

import java.util.List;
import java.util.Map;

/**
 * Settings of the parallel image data generator, with the defaults of MLTK's
 * {@code ParallelImageDataGenerator} and Keras' {@code ImageDataGenerator} arguments.
 */
public class ParallelImageDataGenerator extends DataGenerator {
  public double cores = 0.25;
  public boolean debug = false;
  public int maxBatchesPending = 4;
  public boolean validationAugmentationEnabled = true;
  public double[] contrastRange = null;
  /** gauss, poisson, s&p, speckle. */
  public List<String> noise = null;
  public boolean randomTransformsEnabled = true;
  public int maxSamplesPerClass = -1;
  public boolean featurewiseCenter = false;
  public boolean samplewiseCenter = false;
  public boolean featurewiseStdNormalization = false;
  public boolean samplewiseStdNormalization = false;
  public double rotationRange = 0;
  public double widthShiftRange = 0.0;
  public double heightShiftRange = 0.0;
  public double[] brightnessRange = null;
  public double shearRange = 0.0;
  /** As in Keras: a number z (zoom in [1 - z, 1 + z]) or a range (low, high). */
  public Object zoomRange = 0.0;
  public double channelShiftRange = 0.0;
  public String fillMode = "nearest";
  public double cval = 0.0;
  public boolean horizontalFlip = false;
  public boolean verticalFlip = false;
  public Double rescale = null;
  public double validationSplit = 0.0;
  public String dtype = "float32";

  public ParallelImageDataGenerator() {
    this(Map.of());
  }

  public ParallelImageDataGenerator(Map<String, ?> kwargs) {
    apply(kwargs);
  }

  @Override
  public String className() {
    return "ParallelImageDataGenerator";
  }

  @Override
  public void validate() {
    super.validate();
    if (validationSplit < 0 || validationSplit >= 1) {
      throw bad("validation_split", "expected a fraction in [0, 1), got " + validationSplit);
    }
    if (!List.of("nearest", "constant", "reflect", "wrap").contains(fillMode)) {
      throw bad("fill_mode", "expected nearest, constant, reflect or wrap, got '" + fillMode + "'");
    }
    zoomRange = zoom(zoomRange);
    if (noise != null) {
      for (String n : noise) {
        if (!List.of("gauss", "poisson", "s&p", "speckle").contains(n)) {
          throw bad("noise", "expected gauss, poisson, s&p or speckle, got '" + n + "'");
        }
      }
    }
  }

  private Object zoom(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof double[] d && d.length == 2 && d[0] <= d[1]) {
      return List.of(d[0], d[1]);
    }
    if (v instanceof List<?> l && l.size() == 2 && l.stream().allMatch(x -> x instanceof Number)
        && ((Number) l.get(0)).doubleValue() <= ((Number) l.get(1)).doubleValue()) {
      return List.of(((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue());
    }
    throw bad("zoom_range", "expected a number z or a range (low, high) with low <= high, got " + v);
  }
}
