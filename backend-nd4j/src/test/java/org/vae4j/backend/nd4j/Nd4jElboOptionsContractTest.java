package org.vae4j.backend.nd4j;

class Nd4jElboOptionsContractTest extends org.vae4j.core.contract.ElboOptionsContract {
}
