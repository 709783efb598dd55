package org.vae4j.backend.djl;

class DjlRecurrentLayerContractTest extends org.vae4j.core.nn.RecurrentLayerContract {
}
