/**
 * The service's view of a trained model: {@link org.vae4j.serve.model.ServedModel} (operations on host
 * arrays), the adapters for the models of vae4j-models, and {@link org.vae4j.serve.model.ServedModels},
 * which picks the adapter. Adding a servable kind of model is one adapter and one line there.
 */
package org.vae4j.serve.model;
