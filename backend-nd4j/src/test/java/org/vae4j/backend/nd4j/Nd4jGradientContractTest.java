package org.vae4j.backend.nd4j;

class Nd4jGradientContractTest extends org.vae4j.core.contract.GradientContract {
}
