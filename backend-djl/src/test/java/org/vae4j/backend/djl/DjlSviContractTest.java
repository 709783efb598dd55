package org.vae4j.backend.djl;

class DjlSviContractTest extends org.vae4j.core.contract.SviContract {
}
