package kiln.spec;

/** Evaluated as a classifier (evalShuffle, evalAugment, evalMaxSamplesPerClass). */
public interface EvaluateClassifierMixin {}
