package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The suite every backend runs holds every contract of the test-jar, so none is silently left out. */
class BackendContractSuiteTest {

  @Test
  void everyContractIsANestedGroupOfTheSuite() throws IOException, ClassNotFoundException {
    Path root = Path.of("target", "test-classes");
    List<Class<?>> contracts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("org/vae4j/core"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith("Contract.class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name);
        if (Modifier.isAbstract(c.getModifiers())
            && (BackendTestSupport.class.isAssignableFrom(c) || ContractSupport.class.isAssignableFrom(c))) {
          contracts.add(c);
        }
      }
    }
    assertThat(contracts).as("contracts found under %s", root).hasSizeGreaterThan(15);
    Class<?>[] groups = BackendContractSuite.class.getDeclaredClasses();
    for (Class<?> contract : contracts) {
      assertThat(Stream.of(groups).anyMatch(contract::isAssignableFrom))
          .as("%s is run by a nested group of BackendContractSuite: add one", contract.getSimpleName()).isTrue();
    }
  }
}
