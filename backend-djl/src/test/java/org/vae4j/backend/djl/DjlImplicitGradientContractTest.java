package org.vae4j.backend.djl;

class DjlImplicitGradientContractTest extends org.vae4j.core.contract.ImplicitGradientContract {
}
