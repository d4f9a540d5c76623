package kiln.spec;

/** The spec names a dataset: dataset, classMode, classWeights, validationSplit, shuffle, ... */
public interface DatasetMixin {}
