package org.vae4j.backend.djl;

class DjlGradientClippingContractTest extends org.vae4j.core.contract.GradientClippingContract {
}
