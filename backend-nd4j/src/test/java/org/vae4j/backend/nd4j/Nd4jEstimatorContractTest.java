package org.vae4j.backend.nd4j;

class Nd4jEstimatorContractTest extends org.vae4j.core.contract.EstimatorContract {
}
