package kiln.micro.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * TFLite's 16-bit sigmoid and tanh against the functions themselves (Math.exp, Math.tanh): for
 * every int16 input in Q3.12 the Q0.15 output is within 2 LSB (measured: 1.02 and 1.48), the table being a tuned
 * sigmoid of i / 24 read with linear interpolation; both are monotonic and odd/point-symmetric as
 * the table's use of |x| makes them.
 */
class Int16LutTest {
  @Test
  void everyInt16InputIsCloseToTheRealFunction() {
    double worstSigmoid = 0;
    double worstTanh = 0;
    int previousSigmoid = Integer.MIN_VALUE;
    int previousTanh = Integer.MIN_VALUE;
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      double real = x / 4096.0;
      int s = Int16Lut.logistic(x, 0, 0);
      int t = Int16Lut.tanh(x, 0, 0);
      worstSigmoid = Math.max(worstSigmoid, Math.abs(s / 32768.0 - 1 / (1 + Math.exp(-real))));
      worstTanh = Math.max(worstTanh, Math.abs(t / 32768.0 - Math.tanh(real)));
      assertThat(s).as("sigmoid monotonic at %d", x).isGreaterThanOrEqualTo(previousSigmoid);
      assertThat(t).as("tanh monotonic at %d", x).isGreaterThanOrEqualTo(previousTanh);
      previousSigmoid = s;
      previousTanh = t;
    }
    System.out.println("int16 LUT: worst sigmoid error " + worstSigmoid * 32768 + " LSB, tanh "
        + worstTanh * 32768 + " LSB");
    assertThat(worstSigmoid * 32768).isLessThan(2);
    assertThat(worstTanh * 32768).isLessThan(2);
  }

  @Test
  void fixedPointsOfTheTable() {
    // sigmoid(0) = 1/2 and tanh(0) = 0 exactly
    assertThat(Int16Lut.logistic(0, 0, 0)).isEqualTo((short) 16384);
    assertThat(Int16Lut.tanh(0, 0, 0)).isEqualTo((short) 0);
    // sigmoid(32767 / 4096 = 7.99976) = 0.999664, x 32768 = 32757.0
    assertThat(Int16Lut.logistic(Short.MAX_VALUE, 0, 0)).isEqualTo((short) 32757);
    // tanh(-8) lies past the table's end (3 x 8 > 255 / 32 after scaling): it saturates to -1
    assertThat(Int16Lut.tanh(Short.MIN_VALUE, 0, 0)).isEqualTo((short) -32767);
  }

  /**
   * Elements worked out by hand from TFLite Micro's reference_integer_ops Logistic and Tanh and
   * its sigmoid_table_uint16 (common.h): the input is scaled by input_multiplier (3 shifted left by
   * input_left_shift when the multiplier is 0, LSTM's power-of-two case), sigmoid reads the table
   * at |x| >> 9 and interpolates on the low 9 bits, tanh at |x| >> 8 on the low 8 bits.
   */
  @Test
  void elementsWorkedByHand() {
    // sigmoid(2048 = 0.5 at 2^-12): 3 x 2048 = 6144, 6144 >> 9 = 12 remainder 0, table[12] = 40794;
    // (40794 << 9) + 2^9 = 20887040, >> 10 = 20397 (0.62247 x 32768 = 20397.1)
    assertThat(Int16Lut.logistic(2048, 0, 0)).isEqualTo((short) 20397);
    // sigmoid(-0.5): (1 << 25) - (40794 << 9) + 2^9 - 1 = 12668415, >> 10 = 12371 (= 32768 - 20397)
    assertThat(Int16Lut.logistic(-2048, 0, 0)).isEqualTo((short) 12371);
    // sigmoid(2405): 7215 >> 9 = 14 remainder 47, table[14..15] = 42064, 42688:
    // (42064 << 9) + 47 x 624 + 2^9 = 21566608, >> 10 = 21061
    assertThat(Int16Lut.logistic(2405, 0, 0)).isEqualTo((short) 21061);
    // tanh(0.5): 6144 >> 8 = 24 remainder 0, table[24] = 47911:
    // (47911 << 8) - 2^23 + 2^7 = 3876736, >> 8 = 15143 (tanh 0.5 x 32768 = 15142.9)
    assertThat(Int16Lut.tanh(2048, 0, 0)).isEqualTo((short) 15143);
    // tanh(-0.5): -(47911 << 8) + 2^23 + 2^7 - 1 = -3876481, >> 8 (floor) = -15143
    assertThat(Int16Lut.tanh(-2048, 0, 0)).isEqualTo((short) -15143);
    // a cell at 2^-11 (LSTM: multiplier 0, shift 15 - 11 - 3 = 1, so x 6): 589 -> 3534,
    // >> 8 = 13 remainder 206, table[13..14] = 41432, 42064:
    // (41432 << 8) + 206 x 632 - 2^23 + 2^7 = 2348304, >> 8 = 9173 (tanh 0.28760 x 32768 = 9172.6)
    assertThat(Int16Lut.tanh(589, 0, 1)).isEqualTo((short) 9173);
    // a cell at 2^-13 (shift 15 - 13 - 3 = -1: multiplier 3, right shift 1): (1000 x 3 + 1) >> 1
    // = 1500, >> 8 = 5 remainder 220, table[5..6] = 36169, 36843:
    // (36169 << 8) + 220 x 674 - 2^23 + 2^7 = 1019064, >> 8 = 3980 (tanh 0.12207 x 32768 = 3980.4)
    assertThat(Int16Lut.tanh(1000, 3, 1)).isEqualTo((short) 3980);
    // past the table's end (6 x 32767 >> 8 >= 255): (0xFFFF << 8) - 2^23 + 2^7 = 8388480, >> 8
    // = 32767; the negative side -8388225 >> 8 = -32767
    assertThat(Int16Lut.tanh(Short.MAX_VALUE, 0, 1)).isEqualTo((short) 32767);
    assertThat(Int16Lut.tanh(Short.MIN_VALUE, 0, 1)).isEqualTo((short) -32767);
  }
}
