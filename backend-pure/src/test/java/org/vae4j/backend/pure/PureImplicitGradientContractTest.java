package org.vae4j.backend.pure;

class PureImplicitGradientContractTest extends org.vae4j.core.contract.ImplicitGradientContract {
}
