package org.vae4j.backend.nd4j;

class Nd4jRecurrentLayerContractTest extends org.vae4j.core.nn.RecurrentLayerContract {
}
