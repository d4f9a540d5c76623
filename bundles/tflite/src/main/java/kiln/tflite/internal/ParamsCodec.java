package kiln.tflite.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.tflite.ModelParameters;
import kiln.tflite.ParamType;
import kiln.tflite.schema.params.BinaryValue;
import kiln.tflite.schema.params.BoolValue;
import kiln.tflite.schema.params.Dictionary;
import kiln.tflite.schema.params.DoubleValue;
import kiln.tflite.schema.params.Entry;
import kiln.tflite.schema.params.FloatList;
import kiln.tflite.schema.params.FloatValue;
import kiln.tflite.schema.params.Int16Value;
import kiln.tflite.schema.params.Int32List;
import kiln.tflite.schema.params.Int32Value;
import kiln.tflite.schema.params.Int64Value;
import kiln.tflite.schema.params.Int8Value;
import kiln.tflite.schema.params.StringList;
import kiln.tflite.schema.params.StringValue;
import kiln.tflite.schema.params.Uint16Value;
import kiln.tflite.schema.params.Uint32Value;
import kiln.tflite.schema.params.Uint64Value;
import kiln.tflite.schema.params.Uint8Value;

/** Reads and writes the model parameters dictionary flatbuffer (schema version 1). */
public final class ParamsCodec {
  static final int SCHEMA_VERSION = 1;

  private ParamsCodec() {}

  public static ModelParameters read(byte[] data, String source) {
    try {
      return decode(data, source);
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KilnException(source + ": not a valid model parameters dictionary: an offset "
          + "points outside its " + data.length + " bytes (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  private static ModelParameters decode(byte[] data, String source) {
    if (data.length < 8) {
      throw new KilnException(source + ": expected a model parameters dictionary of at least 8 "
          + "bytes, found " + data.length);
    }
    ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int root = bb.getInt(0);
    if (root < 4 || root > data.length - 4) {
      throw new KilnException(source + ": dictionary root offset " + root + " is outside its "
          + data.length + " bytes");
    }
    Dictionary d = Dictionary.getRootAsDictionary(bb);
    int version = d.schemaVersion();
    if (version < 1 || version > SCHEMA_VERSION) {
      throw new KilnException(source + ": expected dictionary schema_version 1, found " + version);
    }
    ModelParameters params = new ModelParameters();
    int n = lengthOf(d.entriesLength(), 4, bb, source + " entries");
    Entry e = new Entry();
    for (int i = 0; i < n; i++) {
      d.entries(e, i);
      String key = Bounds.string(e::keyAsByteBuffer, e::key);
      if (key == null) {
        throw new KilnException(source + ": entry " + i + " has no key");
      }
      int code = e.valueType() & 0xff;
      ParamType type = ParamType.ofCode(code);
      String where = source + " parameter '" + key + "'";
      if (type == null) {
        throw new KilnException(where + ": value type " + code + " is not one of the 16 "
            + "dictionary value types (1-16)");
      }
      params.put(key, type, readValue(e, type, bb, where));
    }
    return params;
  }

  private static Object readValue(Entry e, ParamType type, ByteBuffer bb, String where) {
    switch (type) {
      case BOOL:
        return table(e, new BoolValue(), where).value();
      case INT8:
        return (long) table(e, new Int8Value(), where).value();
      case UINT8:
        return (long) table(e, new Uint8Value(), where).value();
      case INT16:
        return (long) table(e, new Int16Value(), where).value();
      case UINT16:
        return (long) table(e, new Uint16Value(), where).value();
      case INT32:
        return (long) table(e, new Int32Value(), where).value();
      case UINT32:
        return table(e, new Uint32Value(), where).value();
      case INT64:
        return table(e, new Int64Value(), where).value();
      case UINT64:
        return table(e, new Uint64Value(), where).value();
      case FLOAT:
        return table(e, new FloatValue(), where).value();
      case DOUBLE:
        return table(e, new DoubleValue(), where).value();
      case STRING: {
        StringValue v = table(e, new StringValue(), where);
        String s = Bounds.string(v::dataAsByteBuffer, v::data);
        return s == null ? "" : s;
      }
      case STRING_LIST: {
        StringList v = table(e, new StringList(), where);
        int n = lengthOf(v.dataLength(), 4, bb, where);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String s = v.data(i);
          if (s != null && s.length() > bb.capacity()) {
            throw new KilnException(where + ": string " + i + " is longer than the dictionary");
          }
          out.add(s == null ? "" : s);
        }
        return out;
      }
      case INT32_LIST: {
        Int32List v = table(e, new Int32List(), where);
        int n = lengthOf(v.dataLength(), 4, bb, where);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
          out[i] = v.data(i);
        }
        return out;
      }
      case FLOAT_LIST: {
        FloatList v = table(e, new FloatList(), where);
        int n = lengthOf(v.dataLength(), 4, bb, where);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = v.data(i);
        }
        return out;
      }
      case BYTES: {
        BinaryValue v = table(e, new BinaryValue(), where);
        int n = lengthOf(v.dataLength(), 1, bb, where);
        byte[] out = new byte[n];
        if (n > 0) {
          v.dataAsByteBuffer().get(out);
        }
        return out;
      }
      default:
        throw new IllegalStateException(type.name());
    }
  }

  private static <T extends Table> T table(Entry e, T obj, String where) {
    if (e.value(obj) == null) {
      throw new KilnException(where + ": the entry has a value type but no value");
    }
    return obj;
  }

  private static int lengthOf(int n, int size, ByteBuffer bb, String where) {
    if (n < 0 || (long) n * size > bb.capacity()) {
      throw new KilnException(where + ": vector length " + n + " does not fit in the "
          + bb.capacity() + "-byte dictionary");
    }
    return n;
  }

  public static byte[] write(ModelParameters params) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    List<Integer> entries = new ArrayList<>();
    for (Map.Entry<String, ModelParameters.Value> e : params.entries().entrySet()) {
      int key = b.createString(e.getKey());
      ModelParameters.Value v = e.getValue();
      int value = writeValue(b, v.type(), v.value());
      entries.add(Entry.createEntry(b, key, (byte) v.type().code(), value));
    }
    int[] offsets = entries.stream().mapToInt(Integer::intValue).toArray();
    int vector = Dictionary.createEntriesVector(b, offsets);
    int root = Dictionary.createDictionary(b, SCHEMA_VERSION, vector);
    b.finish(root);
    return b.sizedByteArray();
  }

  @SuppressWarnings("unchecked")
  private static int writeValue(FlatBufferBuilder b, ParamType type, Object value) {
    switch (type) {
      case BOOL:
        return BoolValue.createBoolValue(b, (Boolean) value);
      case INT8:
        return Int8Value.createInt8Value(b, ((Long) value).byteValue());
      case UINT8:
        return Uint8Value.createUint8Value(b, ((Long) value).intValue());
      case INT16:
        return Int16Value.createInt16Value(b, ((Long) value).shortValue());
      case UINT16:
        return Uint16Value.createUint16Value(b, ((Long) value).intValue());
      case INT32:
        return Int32Value.createInt32Value(b, ((Long) value).intValue());
      case UINT32:
        return Uint32Value.createUint32Value(b, (Long) value);
      case INT64:
        return Int64Value.createInt64Value(b, (Long) value);
      case UINT64:
        return Uint64Value.createUint64Value(b, (Long) value);
      case FLOAT:
        return FloatValue.createFloatValue(b, (Float) value);
      case DOUBLE:
        return DoubleValue.createDoubleValue(b, (Double) value);
      case STRING:
        return StringValue.createStringValue(b, b.createString((String) value));
      case STRING_LIST: {
        List<String> list = (List<String>) value;
        int[] offsets = new int[list.size()];
        for (int i = 0; i < offsets.length; i++) {
          offsets[i] = b.createString(list.get(i));
        }
        return StringList.createStringList(b, StringList.createDataVector(b, offsets));
      }
      case INT32_LIST:
        return Int32List.createInt32List(b, Int32List.createDataVector(b, (int[]) value));
      case FLOAT_LIST:
        return FloatList.createFloatList(b, FloatList.createDataVector(b, (float[]) value));
      case BYTES:
        return BinaryValue.createBinaryValue(b, BinaryValue.createDataVector(b, (byte[]) value));
      default:
        throw new IllegalStateException(type.name());
    }
  }
}
