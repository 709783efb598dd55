package org.vae4j.backend.pure;

class PureKlContractTest extends org.vae4j.core.contract.KlContract {
}
