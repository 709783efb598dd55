package org.vae4j.backend.pure;

class PureCheckpointContractTest extends org.vae4j.core.contract.CheckpointContract {
}
