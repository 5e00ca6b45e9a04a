package io.itinera.runtime.change;

import io.itinera.runtime.step.CustomerState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A version of a journey as a run's state knows it: the first 12 hex digits of the SHA-256 of the
 * plan's JSON as the state keeps it. A customer who runs on an older version than the state's plan
 * ({@code run --pin-old}) carries that version in their state; the others carry nothing.
 */
public final class PlanVersion {
	/** The customer-state extension that holds a pinned customer's version. */
	static final String EXTENSION = "plan-version";

	private PlanVersion() {
	}

	public static String of(String planJson) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(planJson.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The older version the customer runs on, or null when they run on the state's plan. */
	public static String pinnedTo(CustomerState state) {
		byte[] version = state.extension(EXTENSION);
		return version == null ? null : new String(version, StandardCharsets.US_ASCII);
	}

	public static void pin(CustomerState state, String version) {
		state.putExtension(EXTENSION, version.getBytes(StandardCharsets.US_ASCII));
	}

	static void unpin(CustomerState state) {
		state.putExtension(EXTENSION, null);
	}
}
