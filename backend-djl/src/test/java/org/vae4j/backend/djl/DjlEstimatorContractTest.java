package org.vae4j.backend.djl;

class DjlEstimatorContractTest extends org.vae4j.core.contract.EstimatorContract {
}
