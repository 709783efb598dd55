package org.vae4j.backend.djl;

class DjlKernelContractTest extends org.vae4j.core.contract.KernelContract {
}
