package org.vae4j.backend.nd4j;

class Nd4jDistributionReferenceContractTest extends org.vae4j.core.contract.DistributionReferenceContract {
}
