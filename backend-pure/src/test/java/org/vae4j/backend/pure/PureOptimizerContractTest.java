package org.vae4j.backend.pure;

class PureOptimizerContractTest extends org.vae4j.core.contract.OptimizerContract {
}
