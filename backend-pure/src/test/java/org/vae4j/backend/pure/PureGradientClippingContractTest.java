package org.vae4j.backend.pure;

class PureGradientClippingContractTest extends org.vae4j.core.contract.GradientClippingContract {
}
