package org.vae4j.backend.pure;

class PureBijectorCalculusContractTest extends org.vae4j.core.contract.BijectorCalculusContract {
}
