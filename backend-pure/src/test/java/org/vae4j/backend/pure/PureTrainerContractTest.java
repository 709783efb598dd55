package org.vae4j.backend.pure;

class PureTrainerContractTest extends org.vae4j.core.contract.TrainerContract {
}
