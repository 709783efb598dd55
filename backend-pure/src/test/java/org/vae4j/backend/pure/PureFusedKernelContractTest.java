package org.vae4j.backend.pure;

class PureFusedKernelContractTest extends org.vae4j.core.contract.FusedKernelContract {
}
