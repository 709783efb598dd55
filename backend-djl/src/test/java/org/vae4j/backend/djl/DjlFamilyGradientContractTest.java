package org.vae4j.backend.djl;

class DjlFamilyGradientContractTest extends org.vae4j.core.contract.FamilyGradientContract {
}
