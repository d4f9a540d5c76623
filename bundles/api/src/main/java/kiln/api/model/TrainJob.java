package kiln.api.model;

import java.nio.file.Path;
import java.util.Map;
import kiln.api.Progress;

/**
 * Everything a trainer needs.
 *
 * @param graph the layer graph to train
 * @param settings the spec's training settings keyed by MLTK names (epochs, batch_size, optimizer,
 *     loss, metrics, checkpoint, early_stopping, reduce_lr_on_plateau, ...)
 * @param train training batches
 * @param validation validation batches, or null
 * @param initialWeights weights to start from (fine-tuning), or null: fresh initialization when
 *     {@code initialEpoch} is 0, else the trainer's own checkpoint of that epoch in {@code workDir};
 *     they must name every variable of {@code graph} unless {@link Weights#partial() partial}
 * @param initialEpoch the epoch to start at (0 unless resuming; see {@link Trainer#resumeEpoch})
 * @param workDir where checkpoints, logs and event files go
 * @param seed the random seed
 * @param progress receives per-epoch lines
 */
public record TrainJob(
    LayerGraph graph,
    Map<String, Object> settings,
    BatchSource train,
    BatchSource validation,
    Weights initialWeights,
    int initialEpoch,
    Path workDir,
    long seed,
    Progress progress) {}
