package org.vae4j.backend.nd4j;

class Nd4jSviContractTest extends org.vae4j.core.contract.SviContract {
}
