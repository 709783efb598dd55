package org.vae4j.backend.nd4j;

class Nd4jDistributionValidationContractTest extends org.vae4j.core.contract.DistributionValidationContract {
}
