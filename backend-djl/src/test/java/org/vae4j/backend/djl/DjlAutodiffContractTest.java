package org.vae4j.backend.djl;

class DjlAutodiffContractTest extends org.vae4j.core.contract.AutodiffContract {
}
