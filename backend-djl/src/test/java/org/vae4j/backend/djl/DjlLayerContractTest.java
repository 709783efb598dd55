package org.vae4j.backend.djl;

class DjlLayerContractTest extends org.vae4j.core.nn.LayerContract {
}
