package kiln.micro.kernels;

/** The computation of an int8 conv-like kernel, scalar or vector ({@link VectorSupport}). */
interface Int8Eval {
  void eval();
}
