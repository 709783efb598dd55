package org.vae4j.backend.pure;

class PureLayerContractTest extends org.vae4j.core.nn.LayerContract {
}
