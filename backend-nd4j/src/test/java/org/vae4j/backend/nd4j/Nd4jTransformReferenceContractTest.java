package org.vae4j.backend.nd4j;

class Nd4jTransformReferenceContractTest extends org.vae4j.core.contract.TransformReferenceContract {
}
