package org.vae4j.backend.pure;

class PureElboOptionsContractTest extends org.vae4j.core.contract.ElboOptionsContract {
}
