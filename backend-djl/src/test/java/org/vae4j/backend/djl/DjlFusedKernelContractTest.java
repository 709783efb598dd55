package org.vae4j.backend.djl;

class DjlFusedKernelContractTest extends org.vae4j.core.contract.FusedKernelContract {
}
