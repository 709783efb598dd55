package org.vae4j.backend.djl;

class DjlElboOptionsContractTest extends org.vae4j.core.contract.ElboOptionsContract {
}
