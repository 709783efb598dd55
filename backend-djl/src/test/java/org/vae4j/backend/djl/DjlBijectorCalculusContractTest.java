package org.vae4j.backend.djl;

class DjlBijectorCalculusContractTest extends org.vae4j.core.contract.BijectorCalculusContract {
}
