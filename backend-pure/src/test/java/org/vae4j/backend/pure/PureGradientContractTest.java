package org.vae4j.backend.pure;

class PureGradientContractTest extends org.vae4j.core.contract.GradientContract {
}
