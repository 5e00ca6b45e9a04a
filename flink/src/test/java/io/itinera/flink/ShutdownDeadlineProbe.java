package io.itinera.flink;

import java.time.Duration;

/** A JVM with a shutdown hook that never returns, as a MiniCluster's can: {@link ShutdownDeadlineTest} signals it. */
final class ShutdownDeadlineProbe {
	private ShutdownDeadlineProbe() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0) {
			ShutdownDeadline.install(Duration.ofMillis(Long.parseLong(args[0])), System.err);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				Thread.sleep(Long.MAX_VALUE);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		System.out.println("ready");
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}
}
