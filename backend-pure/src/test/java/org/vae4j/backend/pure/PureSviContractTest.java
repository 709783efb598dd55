package org.vae4j.backend.pure;

class PureSviContractTest extends org.vae4j.core.contract.SviContract {
}
