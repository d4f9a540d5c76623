package kiln.tflite;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The {@code hash} and {@code date} model parameters as MLTK computes them: the MD5 of the whole
 * .tflite file written with {@code hash} and {@code date} set to empty strings (so the hash does not
 * depend on itself or on the time), then both filled in.
 */
public final class ModelHash {
  private ModelHash() {}

  /** The MD5 (lower-case hex) of the model written with hash and date left empty. */
  public static String compute(TfliteModel model) {
    ModelParameters params = model.parameters();
    params.put("hash", ParamType.STRING, "");
    params.put("date", ParamType.STRING, "");
    TfliteModel copy = shallowCopy(model);
    copy.setParameters(params);
    return md5(copy.toBytes());
  }

  /** Sets {@code hash} and {@code date} (ISO-8601 UTC with milliseconds, as MLTK writes it). */
  public static void stamp(TfliteModel model, Instant date) {
    String hash = compute(model);
    ModelParameters params = model.parameters();
    params.put("hash", ParamType.STRING, hash);
    params.put("date", ParamType.STRING,
        DateTimeFormatter.ISO_INSTANT.format(date.truncatedTo(ChronoUnit.MILLIS)));
    model.setParameters(params);
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  private static TfliteModel shallowCopy(TfliteModel m) {
    TfliteModel c = new TfliteModel().setVersion(m.version()).setDescription(m.description());
    c.subgraphs().addAll(m.subgraphs());
    c.metadata().addAll(m.metadata());
    c.signatureDefs().addAll(m.signatureDefs());
    return c;
  }
}
