package org.vae4j.backend.djl;

class DjlKlContractTest extends org.vae4j.core.contract.KlContract {
}
