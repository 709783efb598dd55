package org.vae4j.backend.pure;

class PureVectorQuantizerContractTest extends org.vae4j.core.contract.VectorQuantizerContract {
}
