package io.itinera.cli;

import io.itinera.runtime.io.RunOutput;
import io.itinera.serve.DeliveringOutput;
import io.itinera.serve.LiveServer;
import io.itinera.serve.delivery.DeliveryConfig;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.metrics.ServeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code run --deliver FILE}: the same delivery as {@code serve} (ledger, retries, dead letters) for a replay. */
final class ReplayDelivery implements AutoCloseable {
	private static final Duration MOST_WAIT_AT_END = Duration.ofMinutes(10);

	private final DeliveryLedger ledger;
	private final DeliveryService service;

	private ReplayDelivery(DeliveryLedger ledger, DeliveryService service) {
		this.ledger = ledger;
		this.service = service;
	}

	static ReplayDelivery open(Path deliveryFile, Path stateDirectory, Path out) throws IOException {
		DeliveryConfig config = DeliveryConfig.load(deliveryFile);
		Files.createDirectories(out);
		DeliveryLedger ledger = new DeliveryLedger(stateDirectory.resolve("delivery-ledger"));
		try {
			DeliveryService service = new DeliveryService(config, ledger, out.resolve(LiveServer.DELIVERY_DEAD_LETTERS), new ServeMetrics());
			service.resumePending();
			return new ReplayDelivery(ledger, service);
		} catch (IOException | RuntimeException e) {
			ledger.close();
			throw e;
		}
	}

	RunOutput output(RunOutput files) {
		return new DeliveringOutput(files, service, actions -> {
		});
	}

	/** Waits for the deliveries still under way (retries included); a line for the summary. */
	String finish() {
		try {
			if (service.awaitIdle(MOST_WAIT_AT_END)) {
				return "all done (any given up on are in " + LiveServer.DELIVERY_DEAD_LETTERS + ")";
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return String.format("%,d still pending; run the same command to resume them", service.inFlight());
	}

	@Override
	public void close() throws IOException {
		try {
			service.close();
		} finally {
			ledger.close();
		}
	}
}
