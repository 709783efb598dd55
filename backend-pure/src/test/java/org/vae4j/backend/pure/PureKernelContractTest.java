package org.vae4j.backend.pure;

class PureKernelContractTest extends org.vae4j.core.contract.KernelContract {
}
