package org.vae4j.backend.nd4j;

class Nd4jGradientClippingContractTest extends org.vae4j.core.contract.GradientClippingContract {
}
