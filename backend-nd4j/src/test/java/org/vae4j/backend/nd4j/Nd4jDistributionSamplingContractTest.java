package org.vae4j.backend.nd4j;

class Nd4jDistributionSamplingContractTest extends org.vae4j.core.contract.DistributionSamplingContract {
}
