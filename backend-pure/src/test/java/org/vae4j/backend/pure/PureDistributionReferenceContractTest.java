package org.vae4j.backend.pure;

class PureDistributionReferenceContractTest extends org.vae4j.core.contract.DistributionReferenceContract {
}
