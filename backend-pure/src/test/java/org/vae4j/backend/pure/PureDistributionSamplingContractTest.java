package org.vae4j.backend.pure;

class PureDistributionSamplingContractTest extends org.vae4j.core.contract.DistributionSamplingContract {
}
