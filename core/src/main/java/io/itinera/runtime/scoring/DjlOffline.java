package io.itinera.runtime.scoring;

/**
 * Keeps DJL off the network. DJL calls home (a cloud metadata address, then a telemetry URL)
 * when its default engine first loads, unless it is offline or tracking is opted out; it also
 * downloads missing native libraries unless offline. Both switches are read when the engine
 * class initialises, so {@link #enforce()} must run before any DJL engine class loads: every
 * Itinera entry point into DJL calls it first.
 */
public final class DjlOffline {
	static final String OFFLINE_PROPERTY = "ai.djl.offline";
	static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

	private DjlOffline() {
	}

	/**
	 * Sets both switches as system properties. DJL prefers environment variables to system
	 * properties, so an environment that turns both back on is refused rather than obeyed.
	 */
	public static synchronized void enforce() {
		if ("false".equalsIgnoreCase(System.getenv("DJL_OFFLINE"))
				&& "false".equalsIgnoreCase(System.getenv(OPT_OUT_TRACKING))) {
			throw new IllegalStateException("the environment sets DJL_OFFLINE=false and OPT_OUT_TRACKING=false, "
					+ "which would let DJL open network connections; unset them (Itinera never goes online)");
		}
		System.setProperty(OFFLINE_PROPERTY, "true");
		System.setProperty(OPT_OUT_TRACKING, "true");
	}
}
