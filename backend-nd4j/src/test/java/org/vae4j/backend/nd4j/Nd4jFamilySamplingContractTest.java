package org.vae4j.backend.nd4j;

class Nd4jFamilySamplingContractTest extends org.vae4j.core.contract.FamilySamplingContract {
}
