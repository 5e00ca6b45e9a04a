package io.itinera.runtime.assembly;

import io.itinera.runtime.rules.RawDrlPolicy;
import io.itinera.runtime.delivery.DeliverySettings;
import java.util.function.Consumer;

/**
 * How a host wants a journey's runtime assembled.
 *
 * @param allowRawDrl run the raw {@code drl} blocks of campaigns ({@link RawDrlPolicy}); else such a journey is refused
 * @param withoutModels score nothing (every score NaN) instead of loading the journey's models
 * @param delivery the host's delivery settings (global caps, zone); a workspace adds its own file's
 * @param notes where a note goes when no rules engine is on the class path (its campaigns then send
 *        nothing); null: that is an error ({@link AssemblyException.Reason#NO_RULES_ENGINE})
 */
public record AssemblyOptions(boolean allowRawDrl, boolean withoutModels, DeliverySettings delivery, Consumer<String> notes) {
	/** Raw DRL refused, models on, default delivery, a missing rules engine an error. */
	public static final AssemblyOptions DEFAULT = new AssemblyOptions(false, false, DeliverySettings.DEFAULT, null);

	public AssemblyOptions allowingRawDrl(boolean allowed) {
		return new AssemblyOptions(allowed, withoutModels, delivery, notes);
	}

	public AssemblyOptions withoutModels(boolean without) {
		return new AssemblyOptions(allowRawDrl, without, delivery, notes);
	}

	public AssemblyOptions withDelivery(DeliverySettings settings) {
		return new AssemblyOptions(allowRawDrl, withoutModels, settings, notes);
	}

	public AssemblyOptions notingTo(Consumer<String> sink) {
		return new AssemblyOptions(allowRawDrl, withoutModels, delivery, sink);
	}
}
