package kiln.tensorflow.internal;

import kiln.api.model.Trainer;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.osgi.service.component.annotations.Component;

/** The {@code tensorflow} Trainer service. */
@Component(service = Trainer.class, property = {"kiln.name=tensorflow",
    "kiln.description=TensorFlow Java (graph mode, CPU)"})
public class TrainerComponent extends TensorFlowTrainer {}
