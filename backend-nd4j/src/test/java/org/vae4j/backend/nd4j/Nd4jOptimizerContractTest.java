package org.vae4j.backend.nd4j;

class Nd4jOptimizerContractTest extends org.vae4j.core.contract.OptimizerContract {
}
