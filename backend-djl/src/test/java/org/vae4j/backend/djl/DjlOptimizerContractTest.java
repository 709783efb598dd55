package org.vae4j.backend.djl;

class DjlOptimizerContractTest extends org.vae4j.core.contract.OptimizerContract {
}
