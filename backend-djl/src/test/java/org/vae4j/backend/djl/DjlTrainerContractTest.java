package org.vae4j.backend.djl;

class DjlTrainerContractTest extends org.vae4j.core.contract.TrainerContract {
}
