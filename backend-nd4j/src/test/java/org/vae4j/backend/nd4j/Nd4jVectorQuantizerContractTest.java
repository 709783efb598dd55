package org.vae4j.backend.nd4j;

class Nd4jVectorQuantizerContractTest extends org.vae4j.core.contract.VectorQuantizerContract {
}
