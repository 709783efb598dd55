package org.vae4j.backend.nd4j;

class Nd4jBijectorCalculusContractTest extends org.vae4j.core.contract.BijectorCalculusContract {
}
