package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import kiln.api.KilnException;
import kiln.tflite.internal.ParamsCodec;
import org.junit.jupiter.api.Test;

class ModelParametersTest {
  private static ModelParameters everyType() {
    return new ModelParameters()
        .put("b", ParamType.BOOL, true)
        .put("i8", ParamType.INT8, -128L)
        .put("u8", ParamType.UINT8, 255L)
        .put("i16", ParamType.INT16, -32768L)
        .put("u16", ParamType.UINT16, 65535L)
        .put("i32", ParamType.INT32, Integer.MIN_VALUE)
        .put("u32", ParamType.UINT32, 4_294_967_295L)
        .put("i64", ParamType.INT64, Long.MIN_VALUE)
        .put("u64", ParamType.UINT64, new BigInteger("18446744073709551615"))
        .put("f32", ParamType.FLOAT, 0.025f)
        .put("f64", ParamType.DOUBLE, 1e-300)
        .put("str", ParamType.STRING, "héllo wörld")
        .put("str_list", ParamType.STRING_LIST, List.of("yes", "no", ""))
        .put("int32_list", ParamType.INT32_LIST, new int[] {1, -2, Integer.MAX_VALUE})
        .put("float_list", ParamType.FLOAT_LIST, new float[] {0.5f, -1.25f})
        .put("bin", ParamType.BYTES, new byte[] {0, 1, (byte) 0xff});
  }

  @Test
  void everyValueTypeRoundTripsThroughAModelFileInOrder() {
    TfliteModel m = TfliteModel.read(Fixtures.file("tflm/hello_world_int8.tflite"));
    ModelParameters p = everyType();
    m.setParameters(p);
    TfliteModel back = TfliteModel.read(m.toBytes(), "rewritten");
    ModelParameters read = back.parameters();
    assertThat(read).isEqualTo(p);
    assertThat(read.keys()).containsExactly("b", "i8", "u8", "i16", "u16", "i32", "u32", "i64",
        "u64", "f32", "f64", "str", "str_list", "int32_list", "float_list", "bin");
    for (String k : read.keys()) {
      assertThat(read.value(k).type().mltkName()).isEqualTo(k.equals("b") ? "bool"
          : k.equals("str") ? "str" : k.replace("f32", "float").replace("f64", "double")
              .replace("i8", "int8").replace("u8", "uint8").replace("i16", "int16")
              .replace("u16", "uint16").replace("i32", "int32").replace("u32", "uint32")
              .replace("i64", "int64").replace("u64", "uint64"));
    }
    assertThat(read.value("u64").toString()).isEqualTo("18446744073709551615");
    assertThat(read.value("f32").toString()).isEqualTo("0.02500000037252903");
    assertThat(read.value("f64").toString()).isEqualTo("1e-300");
    assertThat(read.value("str_list").toString()).isEqualTo("['yes', 'no', '']");
    assertThat(read.value("b").toString()).isEqualTo("True");
    assertThat((byte[]) read.get("bin")).containsExactly(0, 1, 0xff);
    // the other metadata entries stay as they were
    assertThat(back.metadata("min_runtime_version")).isNotNull();
  }

  @Test
  void typesAreInferredAsMltkDoes() {
    ModelParameters p = new ModelParameters().put("a", 3).put("b", -3).put("c", 300)
        .put("d", -40000).put("e", 70000).put("f", 5_000_000_000L).put("g", 0.5)
        .put("h", 1e-60).put("i", "x").put("j", List.of("a")).put("k", new int[] {1})
        .put("l", true).put("m", List.of(1.5, 2.5));
    assertThat(p.entries().values().stream().map(v -> v.type().mltkName()).toList())
        .containsExactly("uint8", "int8", "uint16", "int32", "uint32", "uint64", "float",
            "double", "str", "str_list", "int32_list", "bool", "float_list");
  }

  @Test
  void putKeepsTheKeysPosition() {
    ModelParameters p = new ModelParameters().put("a", 1).put("b", 2).put("c", 3).put("b", "x");
    assertThat(p.keys()).containsExactly("a", "b", "c");
    assertThat(p.get("b")).isEqualTo("x");
  }

  @Test
  void outOfRangeValuesAreRejectedWithTheKeyAndType() {
    assertThatThrownBy(() -> new ModelParameters().put("k", ParamType.UINT8, 256L))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("model parameter 'k': expected a uint8 value, found Long 256");
  }

  @Test
  void mltkWrittenParametersOfEveryFixtureParse() {
    ModelParameters p = TfliteModel.read(Fixtures.file("mltk/image_example1.tflite")).parameters();
    assertThat(p.get("classes")).isEqualTo(List.of("rock", "paper", "scissor"));
    assertThat(p.value("samplewise_norm.mean").toString()).isEqualTo("True");
    // and Kiln's serialization of them reads back equal
    assertThat(ParamsCodec.read(ParamsCodec.write(p), "x")).isEqualTo(p);
  }

  @Test
  void hashIsTheMd5OfTheFileWithHashAndDateBlank() {
    TfliteModel m = TfliteModel.read(Fixtures.file("mltk/tflite_micro_speech.tflite"));
    ModelHash.stamp(m, java.time.Instant.parse("2024-05-06T07:08:09.123456Z"));
    ModelParameters p = m.parameters();
    assertThat(p.getString("date")).isEqualTo("2024-05-06T07:08:09.123Z");
    // recompute by hand: blank both (keeping their positions), write, MD5
    ModelParameters blank = m.parameters().put("hash", "").put("date", "");
    TfliteModel copy = TfliteModel.read(m.toBytes(), "copy").setParameters(blank);
    assertThat(p.getString("hash")).isEqualTo(ModelHash.md5(copy.toBytes())).hasSize(32);
    assertThat(List.copyOf(p.keys()).indexOf("hash")).isEqualTo(3);
  }
}
