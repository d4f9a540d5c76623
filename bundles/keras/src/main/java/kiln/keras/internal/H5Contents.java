package kiln.keras.internal;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * What Kiln reads from a Keras .h5 file, through jhdf: the root attributes ({@code model_config},
 * {@code training_config}, {@code keras_version}, {@code backend}) and every layer's weights from
 * {@code model_weights} (a whole-model save; {@code save_weights} files keep them at the root), in
 * the order of the {@code layer_names} and {@code weight_names} attributes.
 *
 * @param attributes the string attributes of the file's root
 * @param layerWeights layer name -> its weights in Keras order (empty for layers without weights)
 */
public record H5Contents(Map<String, String> attributes, Map<String, List<H5Weight>> layerWeights) {
  /**
   * One stored variable.
   *
   * @param name as Keras stores it, e.g. {@code conv2d/kernel:0}
   */
  public record H5Weight(String name, int[] shape, float[] values) {}

  /** Reads a .h5 file. */
  public static H5Contents read(Path file) {
    try (HdfFile h = new HdfFile(file)) {
      return read(h, file.toString());
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KilnException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  /** Reads the bytes of a .h5 file; {@code what} names it in messages. */
  public static H5Contents read(byte[] bytes, String what) {
    try (HdfFile h = HdfFile.fromBytes(bytes)) {
      return read(h, what);
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KilnException(what + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  private static H5Contents read(HdfFile h, String what) {
    Map<String, String> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : h.getAttributes().entrySet()) {
      if (e.getValue().getData() instanceof String s) {
        attrs.put(e.getKey(), s);
      }
    }
    Group root = h.getChild("model_weights") instanceof Group g ? g : h;
    Map<String, List<H5Weight>> weights = new LinkedHashMap<>();
    for (String layer : strings(root.getAttribute("layer_names"))) {
      Node n = root.getChild(layer);
      if (!(n instanceof Group g)) {
        throw new KilnException(what + ": layer_names lists '" + layer + "' but " + root.getPath() + " has no"
            + " group of that name");
      }
      List<H5Weight> list = new ArrayList<>();
      for (String w : strings(g.getAttribute("weight_names"))) {
        Node d = g.getByPath(w);
        if (!(d instanceof Dataset ds)) {
          throw new KilnException(what + ": layer '" + layer + "' lists weight '" + w + "' but has no dataset"
              + " of that name");
        }
        list.add(new H5Weight(w, ds.getDimensions(), floats(ds, what)));
      }
      weights.put(layer, list);
    }
    return new H5Contents(attrs, weights);
  }

  /** A string-array attribute; Keras writes an empty list as an empty float array. */
  private static List<String> strings(Attribute a) {
    if (a == null || !(a.getData() instanceof String[] s)) {
      return List.of();
    }
    return List.of(s);
  }

  private static float[] floats(Dataset ds, String what) {
    Object data = ds.isScalar() ? null : ds.getDataFlat();
    if (data instanceof float[] f) {
      return f;
    }
    if (data instanceof double[] d) {
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return f;
    }
    throw new KilnException(what + ": weight " + ds.getPath() + " holds " + ds.getJavaType().getSimpleName()
        + " values; Kiln imports float32 (and float64) weights");
  }
}
