package org.vae4j.backend.pure;

class PureRecurrentLayerContractTest extends org.vae4j.core.nn.RecurrentLayerContract {
}
