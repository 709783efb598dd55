package org.vae4j.backend.nd4j;

class Nd4jAutodiffContractTest extends org.vae4j.core.contract.AutodiffContract {
}
