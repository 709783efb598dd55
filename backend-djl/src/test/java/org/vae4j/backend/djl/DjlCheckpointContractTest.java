package org.vae4j.backend.djl;

class DjlCheckpointContractTest extends org.vae4j.core.contract.CheckpointContract {
}
