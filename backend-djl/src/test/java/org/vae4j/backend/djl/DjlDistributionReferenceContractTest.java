package org.vae4j.backend.djl;

class DjlDistributionReferenceContractTest extends org.vae4j.core.contract.DistributionReferenceContract {
}
