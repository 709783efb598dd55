package org.vae4j.backend.pure;

class PureFamilyGradientContractTest extends org.vae4j.core.contract.FamilyGradientContract {
}
