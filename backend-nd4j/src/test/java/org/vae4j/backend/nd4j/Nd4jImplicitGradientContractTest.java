package org.vae4j.backend.nd4j;

class Nd4jImplicitGradientContractTest extends org.vae4j.core.contract.ImplicitGradientContract {
}
