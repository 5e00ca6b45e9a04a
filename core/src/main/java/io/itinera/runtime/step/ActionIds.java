package io.itinera.runtime.step;

/**
 * Stable ids from the parts that make an action unique: FNV-1a, 64 bits, over the customer, the
 * input (time, kind, key, the event's fields), the stage, campaign, rule and the action's index.
 * The same input always yields the same id, so a sink can drop repeats after a restart.
 */
final class ActionIds {
	private static final long OFFSET = 0xcbf29ce484222325L;
	private static final long PRIME = 0x100000001b3L;

	private ActionIds() {
	}

	static String of(String customerId, long at, String inputKey, int inputFingerprint, String stage, String campaign,
			String rule, int actionIndex) {
		long hash = OFFSET;
		hash = mix(hash, customerId);
		hash = mix(hash, at);
		hash = mix(hash, inputKey);
		hash = mix(hash, inputFingerprint);
		hash = mix(hash, stage);
		hash = mix(hash, campaign);
		hash = mix(hash, rule);
		hash = mix(hash, actionIndex);
		String hex = Long.toHexString(hash);
		return "0000000000000000".substring(hex.length()) + hex;
	}

	/** The id an action of {@code journey} has in a workspace, where two journeys may decide alike. */
	static String inJourney(String journey, String id) {
		long hash = mix(mix(OFFSET, journey), id);
		String hex = Long.toHexString(hash);
		return "0000000000000000".substring(hex.length()) + hex;
	}

	private static long mix(long hash, String text) {
		if (text != null) {
			for (int i = 0; i < text.length(); i++) {
				hash = (hash ^ text.charAt(i)) * PRIME;
			}
		}
		return (hash ^ 0xff) * PRIME; // separator, so ("ab","c") and ("a","bc") differ
	}

	private static long mix(long hash, long value) {
		for (int i = 0; i < 8; i++) {
			hash = (hash ^ ((value >>> (8 * i)) & 0xff)) * PRIME;
		}
		return hash;
	}
}
