package org.vae4j.backend.pure;

class PureTransformReferenceContractTest extends org.vae4j.core.contract.TransformReferenceContract {
}
