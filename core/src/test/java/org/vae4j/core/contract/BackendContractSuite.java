package org.vae4j.core.contract;

import org.junit.jupiter.api.Nested;
import org.vae4j.core.nn.LayerContract;
import org.vae4j.core.nn.RecurrentLayerContract;

/**
 * Every contract of the test-jar as one nested group: a backend module runs them all with one line,
 * {@code class PureContractTest extends BackendContractSuite {}}, on the backend its build selects with
 * {@code vae4j.backend} (see {@link ContractBackend}). A contract missing here fails
 * {@code BackendContractSuiteTest} in core, and an op missing from a contract's table fails that contract.
 */
public abstract class BackendContractSuite {

  @Nested
  class Kernels extends KernelContract {
  }

  @Nested
  class FusedKernels extends FusedKernelContract {
  }

  @Nested
  class Gradients extends GradientContract {
  }

  @Nested
  class Autodiff extends AutodiffContract {
  }

  @Nested
  class GradientClipping extends GradientClippingContract {
  }

  @Nested
  class Layers extends LayerContract {
  }

  @Nested
  class RecurrentLayers extends RecurrentLayerContract {
  }

  @Nested
  class Optimizers extends OptimizerContract {
  }

  @Nested
  class Checkpoints extends CheckpointContract {
  }

  @Nested
  class DistributionNumerics extends DistributionNumericsContract {
  }

  @Nested
  class DistributionReferences extends DistributionReferenceContract {
  }

  @Nested
  class DistributionSampling extends DistributionSamplingContract {
  }

  @Nested
  class DistributionValidation extends DistributionValidationContract {
  }

  @Nested
  class Kl extends KlContract {
  }

  @Nested
  class Estimators extends EstimatorContract {
  }

  @Nested
  class ElboOptions extends ElboOptionsContract {
  }

  @Nested
  class VectorQuantizer extends VectorQuantizerContract {
  }

  @Nested
  class Trainer extends TrainerContract {
  }

  @Nested
  class Bijectors extends BijectorCalculusContract {
  }

  @Nested
  class TransformReferences extends TransformReferenceContract {
  }

  @Nested
  class FamilyGradients extends FamilyGradientContract {
  }

  @Nested
  class FamilySampling extends FamilySamplingContract {
  }

  @Nested
  class ImplicitGradients extends ImplicitGradientContract {
  }

  @Nested
  class Svi extends SviContract {
  }
}
