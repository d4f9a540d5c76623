package kiln.platform.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import kiln.platform.serial.protocol.Crc16;
import org.junit.jupiter.api.Test;

class Crc16Test {
  @Test
  void publishedCheckValueOfCcittFalse() {
    // the catalogue of CRCs (reveng): CRC-16/IBM-3740 alias CRC-16/CCITT-FALSE, check=0x29b1
    assertThat(Crc16.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29B1);
  }

  @Test
  void emptyInputGivesTheInitialValue() {
    assertThat(Crc16.of(new byte[0])).isEqualTo(0xFFFF);
  }

  @Test
  void rangeIsTheSameAsTheSlice() {
    byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
    assertThat(Crc16.of(padded, 2, 9)).isEqualTo(0x29B1);
  }
}
