package org.vae4j.backend.nd4j;

class Nd4jLayerContractTest extends org.vae4j.core.nn.LayerContract {
}
