package org.vae4j.backend.pure;

class PureFamilySamplingContractTest extends org.vae4j.core.contract.FamilySamplingContract {
}
