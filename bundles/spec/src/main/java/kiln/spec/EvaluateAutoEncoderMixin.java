package kiln.spec;

/** Evaluated as an autoencoder (scoringFunction, evalClasses). */
public interface EvaluateAutoEncoderMixin {}
