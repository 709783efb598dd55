package org.vae4j.backend.nd4j;

class Nd4jDistributionNumericsContractTest extends org.vae4j.core.contract.DistributionNumericsContract {
}
