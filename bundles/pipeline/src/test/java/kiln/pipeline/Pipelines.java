package kiln.pipeline;

import kiln.archive.internal.ZipModelArchive;
import kiln.evaluate.internal.AutoencoderEvaluator;
import kiln.evaluate.internal.ClassifierEvaluator;
import kiln.micro.internal.MicroInterpreterService;
import kiln.quantize.internal.PtqInt8Quantizer;
import kiln.tensorflow.train.TensorFlowTrainer;

/** The pipeline's services outside OSGi: the same components DS registers, by their kiln.name. */
final class Pipelines {
  private Pipelines() {}

  /** Every default service; {@code withTrainer} false leaves TensorFlow out. */
  static Catalog catalog(boolean withTrainer) {
    Catalog c = new Catalog();
    MicroInterpreterService micro = new MicroInterpreterService();
    if (withTrainer) {
      c.trainers.put(Catalog.TRAINER, new TensorFlowTrainer());
    }
    c.quantizers.put(Catalog.QUANTIZER, new PtqInt8Quantizer(micro));
    c.interpreters.put(Catalog.INTERPRETER, micro);
    c.evaluators.put("classifier", new ClassifierEvaluator());
    c.evaluators.put("autoencoder", new AutoencoderEvaluator());
    c.archives.put(Catalog.ARCHIVE, new ZipModelArchive());
    return c;
  }

  /** The steps of a classifier run. */
  static Steps steps(boolean withTrainer) {
    return catalog(withTrainer).steps(null, null, null, "classifier", withTrainer);
  }
}
