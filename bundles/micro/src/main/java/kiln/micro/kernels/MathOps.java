package kiln.micro.kernels;

import java.util.Map;
import java.util.function.Function;

/**
 * The math family's registrations: elementwise math, comparisons, logical ops, select, cast,
 * reductions, arg min/max, cumulative sum, log-softmax and L2 normalization.
 */
final class MathOps {
  private MathOps() {}

  static void register(Map<String, Function<Prep, Kernel>> put) {
    for (UnaryMath.Kind k : UnaryMath.Kind.values()) {
      put.put(k.name(), p -> UnaryMath.prepare(p, k));
    }
    put.put("ELU", Elu::prepare);
    put.put("PRELU", Prelu::prepare);
    put.put("MAXIMUM", p -> MaxMin.prepare(p, true));
    put.put("MINIMUM", p -> MaxMin.prepare(p, false));
    put.put("SQUARED_DIFFERENCE", SquaredDifference::prepare);
    put.put("DIV", Div::prepare);
    put.put("FLOOR_DIV", p -> FloorDivMod.prepare(p, false));
    put.put("FLOOR_MOD", p -> FloorDivMod.prepare(p, true));
    for (Comparison.Kind k : Comparison.Kind.values()) {
      put.put(k.name(), p -> Comparison.prepare(p, k));
    }
    put.put("LOGICAL_AND", p -> Logical.prepare(p, true));
    put.put("LOGICAL_OR", p -> Logical.prepare(p, false));
    put.put("SELECT_V2", Select::prepare);
    put.put("CAST", Cast::prepare);
    put.put("ADD_N", AddN::prepare);
    put.put("REDUCE_MAX", p -> Reduce.prepare(p, Reduce.Kind.MAX));
    put.put("REDUCE_MIN", p -> Reduce.prepare(p, Reduce.Kind.MIN));
    put.put("SUM", p -> Reduce.prepare(p, Reduce.Kind.SUM));
    put.put("REDUCE_ALL", p -> Reduce.prepare(p, Reduce.Kind.ALL));
    put.put("ARG_MAX", p -> ArgMinMax.prepare(p, true));
    put.put("ARG_MIN", p -> ArgMinMax.prepare(p, false));
    put.put("CUMSUM", CumSum::prepare);
    put.put("LOG_SOFTMAX", LogSoftmax::prepare);
    put.put("L2_NORMALIZATION", L2Normalization::prepare);
  }
}
