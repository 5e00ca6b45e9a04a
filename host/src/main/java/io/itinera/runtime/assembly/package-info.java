/**
 * The one assembly of a journey's (or a workspace's) runtime, used by every host: {@code run},
 * {@code simulate}, {@code serve}, the Flink job, {@code explain}, {@code test} and {@code bench}.
 * From compiled plans and {@link io.itinera.runtime.assembly.AssemblyOptions} (the raw-DRL policy,
 * models on or off, the host's delivery settings) {@link io.itinera.runtime.assembly.RuntimeAssembly}
 * builds each journey's campaign rules and scorer, and {@link io.itinera.runtime.assembly.StepStack}
 * stacks their step functions (a workspace, pinned versions, a switch between versions). A host gets an
 * {@link io.itinera.runtime.assembly.AssembledRuntime}: a new step per worker, the scorer, the events
 * to read. Hosts keep only the adapters from their options to these.
 */
package io.itinera.runtime.assembly;
