package org.vae4j.backend.pure;

/** Every contract of core's test-jar on the pure backend (selected by this module's vae4j.backend). */
class PureContractTest extends org.vae4j.core.contract.BackendContractSuite {
}
