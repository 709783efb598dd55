package org.vae4j.backend.pure;

class PureDistributionValidationContractTest extends org.vae4j.core.contract.DistributionValidationContract {
}
