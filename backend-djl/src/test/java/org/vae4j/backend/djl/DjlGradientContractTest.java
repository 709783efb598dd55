package org.vae4j.backend.djl;

class DjlGradientContractTest extends org.vae4j.core.contract.GradientContract {
}
