package kiln.tflite.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GreedyMemoryPlannerTest {
  @Test
  void largestFirstAtTheLowestFreeOffset() {
    GreedyMemoryPlanner p = new GreedyMemoryPlanner();
    int a = p.addBuffer(100, 0, 1);
    int b = p.addBuffer(50, 1, 2);
    int c = p.addBuffer(30, 2, 3);
    assertThat(p.offsetOf(a)).isZero();
    assertThat(p.offsetOf(b)).isEqualTo(100);
    assertThat(p.offsetOf(c)).isZero(); // A is dead by step 2: C reuses its bytes
    assertThat(p.maxSize()).isEqualTo(150);
    assertThat(p.checkOverlaps()).isEmpty();
  }

  @Test
  void equalSizesArePlacedLaterAddedFirst() {
    GreedyMemoryPlanner p = new GreedyMemoryPlanner();
    int first = p.addBuffer(32, 0, 0);
    int second = p.addBuffer(32, 0, 0);
    assertThat(p.offsetOf(second)).isZero();
    assertThat(p.offsetOf(first)).isEqualTo(32);
    assertThat(p.maxSize()).isEqualTo(64);
  }

  @Test
  void aBufferAliveAcrossTwoOthersGoesAboveBoth() {
    GreedyMemoryPlanner p = new GreedyMemoryPlanner();
    int a = p.addBuffer(64, 0, 1);
    int b = p.addBuffer(64, 2, 3);
    int c = p.addBuffer(32, 1, 2);
    assertThat(p.offsetOf(b)).isZero();
    assertThat(p.offsetOf(a)).isZero();
    assertThat(p.offsetOf(c)).isEqualTo(64);
    assertThat(p.maxSize()).isEqualTo(96);
    assertThat(p.checkOverlaps()).isEmpty();
    assertThat(p.printPlan()).contains("0 (id=0): size=64, offset=0, first_used=0 last_used=1")
        .contains("2 (id=2): size=32, offset=64, first_used=1 last_used=2");
  }

  @Test
  void aSmallBufferFillsAGapBetweenLiveOnes() {
    GreedyMemoryPlanner p = new GreedyMemoryPlanner();
    p.addBuffer(40, 0, 2); // placed at 0
    p.addBuffer(30, 1, 1); // 40
    p.addBuffer(20, 0, 0); // 40 .. 60 (the 30-byte one lives at t1 only)
    p.addBuffer(10, 1, 2); // t1 overlaps 0 and 1: goes to 70
    assertThat(p.offsetOf(0)).isZero();
    assertThat(p.offsetOf(1)).isEqualTo(40);
    assertThat(p.offsetOf(2)).isEqualTo(40);
    assertThat(p.offsetOf(3)).isEqualTo(70);
    assertThat(p.maxSize()).isEqualTo(80);
    assertThat(p.checkOverlaps()).isEmpty();
  }
}
