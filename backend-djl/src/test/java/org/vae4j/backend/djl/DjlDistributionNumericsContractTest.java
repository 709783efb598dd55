package org.vae4j.backend.djl;

class DjlDistributionNumericsContractTest extends org.vae4j.core.contract.DistributionNumericsContract {
}
