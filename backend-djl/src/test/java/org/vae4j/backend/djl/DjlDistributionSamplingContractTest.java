package org.vae4j.backend.djl;

class DjlDistributionSamplingContractTest extends org.vae4j.core.contract.DistributionSamplingContract {
}
