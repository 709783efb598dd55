package org.vae4j.backend.pure;

class PureDistributionNumericsContractTest extends org.vae4j.core.contract.DistributionNumericsContract {
}
