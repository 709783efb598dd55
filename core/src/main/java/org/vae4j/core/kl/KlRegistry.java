package org.vae4j.core.kl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * KL divergences {@code KL(p || q)}: analytic rules keyed by the pair of classes, and an explicit Monte
 * Carlo estimate for pairs without one.
 *
 * <p>Lookup: of the registered pairs {@code (P, Q)} with {@code p instanceof P} and {@code q instanceof Q},
 * the most specific wins: the smallest sum of the two inheritance distances (superclass and interface
 * steps), ties broken by the distance on p's side. The built-in rules are in {@link KlRules}; users add or
 * override rules with {@link #register}. Thread-safe.
 */
public final class KlRegistry {
  private static final Map<Key, KlRule<?, ?>> RULES = new ConcurrentHashMap<>();
  /** Lookups already resolved, by the pair of concrete classes; cleared whenever a rule is registered. */
  private static final Map<Key, Optional<KlRule<?, ?>>> RESOLVED = new ConcurrentHashMap<>();

  static {
    KlRules.registerDefaults();
  }

  private KlRegistry() {
  }

  private record Key(Class<?> p, Class<?> q) {
  }

  /** Registers (or replaces) the analytic rule for the pair of families {@code (p, q)}. */
  public static <P extends Distribution, Q extends Distribution> void register(Class<P> p, Class<Q> q,
      KlRule<? super P, ? super Q> rule) {
    RULES.put(new Key(p, q), rule);
    RESOLVED.clear();
  }

  /** True when an analytic rule applies to {@code (p, q)}. */
  public static boolean hasRule(Distribution p, Distribution q) {
    return find(p.getClass(), q.getClass()) != null;
  }

  /**
   * The analytic {@code KL(p || q)}, of the broadcast batch shape of p and q.
   *
   * @throws UnsupportedOperationException naming both families when no rule applies
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Tensor kl(Distribution p, Distribution q) {
    KlRule rule = find(p.getClass(), q.getClass());
    if (rule == null) {
      throw new UnsupportedOperationException("KL(" + name(p) + " || " + name(q) + "): no analytic rule is"
          + " registered for this pair. Use the Monte Carlo estimate KlRegistry.monteCarlo(p, q, rng, samples),"
          + " or register a rule with KlRegistry.register(" + p.getClass().getSimpleName() + ".class, "
          + q.getClass().getSimpleName() + ".class, rule)");
    }
    return rule.kl(p, q);
  }

  /**
   * The Monte Carlo estimate {@code mean_s [log p(z_s) - log q(z_s)]} with {@code samples} draws from p
   * (reparameterized, so differentiable, when p has {@code rsample}); unbiased, with standard error
   * shrinking as {@code 1 / sqrt(samples)}. Shape: the broadcast batch shape.
   */
  public static Tensor monteCarlo(Distribution p, Distribution q, RandomStream rng, int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("KlRegistry.monteCarlo: samples must be >= 1, got " + samples);
    }
    Shape s = Shape.of(samples);
    Tensor z = p.hasRsample() ? p.rsample(rng, s) : p.sample(rng, s);
    return p.logProb(z).sub(q.logProb(z)).mean(0);
  }

  private static KlRule<?, ?> find(Class<?> p, Class<?> q) {
    return RESOLVED.computeIfAbsent(new Key(p, q), k -> Optional.ofNullable(search(p, q))).orElse(null);
  }

  private static KlRule<?, ?> search(Class<?> p, Class<?> q) {
    Map<Class<?>, Integer> dp = distances(p);
    Map<Class<?>, Integer> dq = distances(q);
    KlRule<?, ?> best = null;
    int bestSum = Integer.MAX_VALUE;
    int bestP = Integer.MAX_VALUE;
    for (Map.Entry<Key, KlRule<?, ?>> e : RULES.entrySet()) {
      Integer a = dp.get(e.getKey().p());
      Integer b = dq.get(e.getKey().q());
      if (a == null || b == null) {
        continue;
      }
      if (a + b < bestSum || (a + b == bestSum && a < bestP)) {
        best = e.getValue();
        bestSum = a + b;
        bestP = a;
      }
    }
    return best;
  }

  /** Every supertype of {@code c} with its distance in inheritance steps (c itself at 0), breadth first. */
  private static Map<Class<?>, Integer> distances(Class<?> c) {
    Map<Class<?>, Integer> d = new HashMap<>();
    Deque<Class<?>> queue = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    d.put(c, 0);
    queue.add(c);
    seen.add(c);
    while (!queue.isEmpty()) {
      Class<?> t = queue.poll();
      int next = d.get(t) + 1;
      Set<Class<?>> parents = new HashSet<>(java.util.List.of(t.getInterfaces()));
      if (t.getSuperclass() != null) {
        parents.add(t.getSuperclass());
      }
      for (Class<?> s : parents) {
        if (seen.add(s)) {
          d.put(s, next);
          queue.add(s);
        }
      }
    }
    return d;
  }

  private static String name(Distribution d) {
    return d instanceof org.vae4j.core.distributions.AbstractDistribution a ? a.family()
        : d.getClass().getSimpleName();
  }
}
