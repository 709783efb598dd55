package org.vae4j.backend.nd4j;

class Nd4jFusedKernelContractTest extends org.vae4j.core.contract.FusedKernelContract {
}
