package org.vae4j.backend.nd4j;

/** Every contract of core's test-jar on the nd4j backend (selected by this module's vae4j.backend). */
class Nd4jContractTest extends org.vae4j.core.contract.BackendContractSuite {
}
