package org.vae4j.backend.pure;

class PureEstimatorContractTest extends org.vae4j.core.contract.EstimatorContract {
}
