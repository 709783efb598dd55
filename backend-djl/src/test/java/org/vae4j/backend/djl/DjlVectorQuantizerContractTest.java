package org.vae4j.backend.djl;

class DjlVectorQuantizerContractTest extends org.vae4j.core.contract.VectorQuantizerContract {
}
