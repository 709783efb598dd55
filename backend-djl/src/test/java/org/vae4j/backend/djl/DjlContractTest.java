package org.vae4j.backend.djl;

/** Every contract of core's test-jar on the djl backend (selected by this module's vae4j.backend). */
class DjlContractTest extends org.vae4j.core.contract.BackendContractSuite {
}
