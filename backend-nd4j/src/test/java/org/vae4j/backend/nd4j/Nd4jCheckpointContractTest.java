package org.vae4j.backend.nd4j;

class Nd4jCheckpointContractTest extends org.vae4j.core.contract.CheckpointContract {
}
