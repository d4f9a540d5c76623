package kiln.tflite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kiln.api.KilnException;
import kiln.tflite.internal.ParamsCodec;

/**
 * A whole .tflite model in Kiln's own objects: subgraphs (tensors, operators), metadata entries,
 * signature defs, schema version and description. Read one with {@link #read(Path)} or
 * {@link TfliteReader}, change it, write it with {@link #write(Path)} or {@link TfliteWriter}.
 */
public final class TfliteModel {
  /** The TFLite schema version Kiln reads and writes. */
  public static final int SCHEMA_VERSION = 3;

  private int version = SCHEMA_VERSION;
  private String description;
  private final List<Subgraph> subgraphs = new ArrayList<>();
  private final List<MetadataEntry> metadata = new ArrayList<>();
  private final List<SignatureDef> signatureDefs = new ArrayList<>();

  /** Reads and validates a .tflite file. */
  public static TfliteModel read(Path file) {
    return TfliteReader.read(file);
  }

  /** Reads and validates .tflite bytes; {@code source} names them in messages. */
  public static TfliteModel read(byte[] flatbuffer, String source) {
    return TfliteReader.read(flatbuffer, source);
  }

  /** The .tflite bytes of this model. */
  public byte[] toBytes() {
    return TfliteWriter.write(this);
  }

  /** Writes atomically (temp file, then move into place). */
  public void write(Path file) {
    TfliteWriter.write(this, file);
  }

  public int version() {
    return version;
  }

  public TfliteModel setVersion(int version) {
    this.version = version;
    return this;
  }

  /** The description, null when absent. */
  public String description() {
    return description;
  }

  public TfliteModel setDescription(String description) {
    this.description = description;
    return this;
  }

  /** The subgraphs; index 0 is the main one (a live list). */
  public List<Subgraph> subgraphs() {
    return subgraphs;
  }

  /** The main subgraph (index 0). */
  public Subgraph mainSubgraph() {
    if (subgraphs.isEmpty()) {
      throw new KilnException("model has no subgraph: expected at least one");
    }
    return subgraphs.get(0);
  }

  public TfliteModel addSubgraph(Subgraph s) {
    subgraphs.add(s);
    return this;
  }

  /** Metadata entries in file order (a live list). */
  public List<MetadataEntry> metadata() {
    return metadata;
  }

  /** The data of a metadata entry, null when absent. */
  public byte[] metadata(String name) {
    for (MetadataEntry e : metadata) {
      if (e.name().equals(name)) {
        return e.data();
      }
    }
    return null;
  }

  /** Replaces the entry with that name in place, or appends it. */
  public TfliteModel putMetadata(String name, byte[] data) {
    for (int i = 0; i < metadata.size(); i++) {
      if (metadata.get(i).name().equals(name)) {
        metadata.set(i, new MetadataEntry(name, data));
        return this;
      }
    }
    metadata.add(new MetadataEntry(name, data));
    return this;
  }

  public boolean removeMetadata(String name) {
    return metadata.removeIf(e -> e.name().equals(name));
  }

  /** Signature defs (a live list). */
  public List<SignatureDef> signatureDefs() {
    return signatureDefs;
  }

  /** The model parameters (a copy: change it, then {@link #setParameters}); empty when none. */
  public ModelParameters parameters() {
    byte[] data = metadata(ModelParameters.METADATA_NAME);
    return data == null ? new ModelParameters() : ParamsCodec.read(data, "metadata entry "
        + ModelParameters.METADATA_NAME);
  }

  /** Stores the parameters as the {@value ModelParameters#METADATA_NAME} metadata entry. */
  public TfliteModel setParameters(ModelParameters params) {
    return putMetadata(ModelParameters.METADATA_NAME, ParamsCodec.write(params));
  }

  /** Reads a file's bytes, reporting a missing file as a KilnException. */
  static byte[] readBytes(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new KilnException(file + ": expected a .tflite file, found "
          + (Files.exists(file) ? "a directory" : "no such file"));
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfliteModel m
        && m.version == version
        && Objects.equals(m.description, description)
        && m.subgraphs.equals(subgraphs)
        && m.metadata.equals(metadata)
        && m.signatureDefs.equals(signatureDefs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, description, subgraphs.size());
  }
}
