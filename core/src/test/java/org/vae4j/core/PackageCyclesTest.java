package org.vae4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No two packages of vae4j-core depend on each other, directly or through others. Reads the compiled classes
 * with the JDK's jdeps (bytecode, so fully qualified names count as much as imports do), builds the package
 * graph and looks for strongly connected components. The same check by hand, for any module after a build:
 * {@code jdeps -verbose:package -e 'org\.vae4j\..*' MODULE/target/classes}.
 */
class PackageCyclesTest {
  private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.vae4j\\S*)\\s+->\\s+(org\\.vae4j\\S*)\\s");

  @Test
  void corePackagesFormNoCycle() {
    Path classes = Path.of("target", "classes");
    assertThat(Files.isDirectory(classes)).as("compiled classes at %s", classes.toAbsolutePath()).isTrue();
    Map<String, Set<String>> packages = new TreeMap<>();
    Map<String, Set<String>> why = new HashMap<>();
    for (String line : jdeps("-verbose:class", "-e", "org\\.vae4j\\..*", classes.toString()).split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find()) {
        String from = packageOf(m.group(1));
        String to = packageOf(m.group(2));
        packages.computeIfAbsent(to, k -> new TreeSet<>());
        if (!from.equals(to)) {
          packages.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
          why.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(m.group(1) + " -> " + m.group(2));
        }
      }
    }
    assertThat(packages).as("jdeps found the core packages").containsKey("org.vae4j.core.autodiff");
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : stronglyConnected(packages)) {
      StringBuilder b = new StringBuilder("cycle " + component + ":");
      for (String from : component) {
        for (String to : packages.get(from)) {
          if (component.contains(to)) {
            b.append("\n  ").append(from).append(" -> ").append(to).append(" through ")
                .append(why.get(from + " -> " + to));
          }
        }
      }
      cycles.add(b.toString());
    }
    assertThat(cycles).as("package cycles in vae4j-core").isEmpty();
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(0, dot);
  }

  private static String jdeps(String... args) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
        () -> new AssertionError("jdeps is not in this JDK (module jdk.jdeps)"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(rc).as("jdeps exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  /** Tarjan's algorithm, iteratively; returns the components with more than one package. */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> result = new ArrayList<>();
    int[] counter = {0};
    for (String start : graph.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Object[]> work = new ArrayDeque<>();
      work.push(new Object[] {start, new ArrayList<>(graph.get(start)).iterator()});
      index.put(start, counter[0]);
      low.put(start, counter[0]++);
      stack.push(start);
      onStack.add(start);
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String v = (String) frame[0];
        @SuppressWarnings("unchecked")
        java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
        if (next.hasNext()) {
          String w = next.next();
          if (!index.containsKey(w)) {
            index.put(w, counter[0]);
            low.put(w, counter[0]++);
            stack.push(w);
            onStack.add(w);
            work.push(new Object[] {w, new ArrayList<>(graph.get(w)).iterator()});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = (String) work.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          Set<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            result.add(component);
          }
        }
      }
    }
    return result;
  }
}
