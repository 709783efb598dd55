package org.vae4j.backend.nd4j;

class Nd4jTrainerContractTest extends org.vae4j.core.contract.TrainerContract {
}
