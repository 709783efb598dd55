package org.vae4j.backend.djl;

class DjlTransformReferenceContractTest extends org.vae4j.core.contract.TransformReferenceContract {
}
