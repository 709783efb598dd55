package org.vae4j.backend.nd4j;

class Nd4jKernelContractTest extends org.vae4j.core.contract.KernelContract {
}
