package org.vae4j.backend.djl;

class DjlFamilySamplingContractTest extends org.vae4j.core.contract.FamilySamplingContract {
}
