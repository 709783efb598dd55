package org.vae4j.backend.djl;

class DjlDistributionValidationContractTest extends org.vae4j.core.contract.DistributionValidationContract {
}
