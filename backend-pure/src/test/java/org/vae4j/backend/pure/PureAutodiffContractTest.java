package org.vae4j.backend.pure;

class PureAutodiffContractTest extends org.vae4j.core.contract.AutodiffContract {
}
