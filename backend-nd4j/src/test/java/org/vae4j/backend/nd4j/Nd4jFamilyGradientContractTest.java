package org.vae4j.backend.nd4j;

class Nd4jFamilyGradientContractTest extends org.vae4j.core.contract.FamilyGradientContract {
}
