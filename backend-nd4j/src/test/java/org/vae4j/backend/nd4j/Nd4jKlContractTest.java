package org.vae4j.backend.nd4j;

class Nd4jKlContractTest extends org.vae4j.core.contract.KlContract {
}
