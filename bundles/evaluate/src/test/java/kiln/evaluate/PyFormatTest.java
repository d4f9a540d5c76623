package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyFormatTest {
  @Test
  void roundsTheExactBinaryValueHalfToEvenAsPython() {
    // Python: '{:.3f}'.format(x) for each x
    assertThat(PyFormat.fixed(91.98966408268734, 3)).isEqualTo("91.990");
    assertThat(PyFormat.fixed(0.0005, 3)).isEqualTo("0.001"); // 0.0005 is 0.000500000000000000010...
    assertThat(PyFormat.fixed(0.125, 2)).isEqualTo("0.12"); // an exact tie goes to even
    assertThat(PyFormat.fixed(2.675, 2)).isEqualTo("2.67"); // 2.675 is 2.67499999...
    assertThat(PyFormat.fixed(-0.0001, 3)).isEqualTo("-0.000");
    assertThat(PyFormat.fixed(Double.NaN, 3)).isEqualTo("nan");
    assertThat(PyFormat.percent3(1.0)).isEqualTo("100.000");
  }
}
