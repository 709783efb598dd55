/**
 * Checkpoints in the safetensors format, readable by PyTorch's {@code safetensors.torch.load_file}:
 * {@link org.vae4j.core.checkpoint.Checkpoint} (parameters, optimizer state, training position, random
 * stream state and metadata), written atomically by {@link org.vae4j.core.checkpoint.SafeTensorsWriter}
 * and validated by {@link org.vae4j.core.checkpoint.SafeTensorsReader}, which refuses truncated or corrupt
 * files with a {@link org.vae4j.core.checkpoint.CheckpointException} and never modifies them.
 */
package org.vae4j.core.checkpoint;
