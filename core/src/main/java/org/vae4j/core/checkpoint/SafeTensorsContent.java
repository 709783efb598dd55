package org.vae4j.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: tensors by name in header order, and the string metadata.
 *
 * @param tensors  unmodifiable, in the header's order
 * @param metadata unmodifiable, empty when the file has none
 */
public record SafeTensorsContent(Map<String, HostTensor> tensors, Map<String, String> metadata) {
  public SafeTensorsContent {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
