package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.serve.DiskRetention;
import io.itinera.serve.LiveJourney;
import io.itinera.serve.LiveServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve DIR} reloading its workspace with {@code ?mode=migrate}: a journey of the folder renames
 * the stage a customer is in and the workspace declares a new topic. After the reload she is in the new
 * stage, her next event converts her, and the send of the new topic carries an unsubscribe link for that
 * topic (the links follow the journeys running, not those the server started with).
 */
class ServeWorkspaceReloadTest {
	static final String WORKSPACE = "topic promotions email opt-out\n";

	static final String SHOP = """
			journey Shop {
			  entry on visit -> Browsing
			  event visit { }
			  event cart { }
			  event buy { }
			  stage Browsing {
			    on cart -> Carted
			  }
			  stage Carted {
			    on buy -> Bought
			  }
			  stage Bought { }
			  campaign Offers in Browsing {
			    topic promotions
			    rule "Offer" otherwise then send email "offer"
			  }
			}
			""";

	/** Carted is now Basket, and a buyer gets the newsletter. */
	static final String SHOP_RENAMED = SHOP.replace("Carted", "Basket").replaceFirst("\\}\\s*$", """
			  campaign Thanks in Bought {
			    topic newsletter
			    rule "Thanks" otherwise then send email "thanks"
			  }
			}
			""");

	@TempDir
	Path dir;

	@Test
	void aMigratingReloadMovesTheCustomerToTheRenamedStageAndLinksFollowTheNewTopics() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("shop"));
		Files.writeString(folder.resolve("itinera.workspace"), WORKSPACE);
		Files.writeString(folder.resolve("shop.journey"), SHOP);
		Path state = dir.resolve("state");
		StringWriter errors = new StringWriter();
		try (ConsentWorkspaceTest.Provider provider = new ConsentWorkspaceTest.Provider()) {
			Path deliveryFile = Files.writeString(dir.resolve("deliver.yaml"), """
					channels:
					  email:
					    url: %s
					    body:
					      to: "${customer}"
					      template: "${target}"
					      unsubscribe: "${unsubscribeUrl}"
					unsubscribe:
					  baseUrl: https://shop.example
					  secret: "a secret of more than thirty-two bytes, for tests"
					""".formatted(provider.url()));
			DriverSettings driver = DriverSettings.replay().withLateness(0);
			LiveServer.Settings settings = new LiveServer.Settings(state, "127.0.0.1", 0, null, deliveryFile, 1, 200, 5,
					1 << 20, 1000, driver, DiskRetention.Settings.DEFAULTS);
			LiveWorkspaceFolder live = new LiveWorkspaceFolder(folder, state, false, false, DeliverySettings.DEFAULT,
					ColumnMapping.defaults(), TimeWindow.DEFAULT_MAX_SKEW.toMillis(), driver);
			LiveJourney.Compiled compiled = live.compile(new PrintWriter(errors, true));
			assertNotNull(compiled, errors.toString());
			LiveServer server = LiveServer.start(live, compiled, LiveJourney.Change.REFUSE, settings);
			String api = "http://127.0.0.1:" + server.port();
			try {
				post(api, "visit");
				post(api, "cart");
				customerWhen(api, view -> view.contains("\"stage\":\"Carted\""));
				waitFor(() -> provider.templates("offer").size() == 1, "the offer delivered");
				assertTrue(page(api, provider.templates("offer").get(0)).contains("Stop promotions by email?"));

				Files.writeString(folder.resolve("itinera.workspace"), WORKSPACE + "topic newsletter email opt-out\n");
				Files.writeString(folder.resolve("shop.journey"), SHOP_RENAMED);
				HttpResponse<String> applied = send(HttpRequest.newBuilder(URI.create(api + "/v1/admin/journeys/reload?mode=migrate"))
						.POST(HttpRequest.BodyPublishers.noBody()));
				assertEquals(200, applied.statusCode(), applied.body());
				assertTrue(applied.body().contains("\"applied\":true"), applied.body());
				String ana = customerWhen(api, view -> view.contains("\"stage\":\"Basket\""));
				assertTrue(ana.contains("\"stage\":\"Basket\""), ana);

				post(api, "buy");
				customerWhen(api, view -> view.contains("\"stage\":\"Bought\""));
				waitFor(() -> provider.templates("thanks").size() == 1, "the newsletter send delivered");
				String page = page(api, provider.templates("thanks").get(0));
				assertTrue(page.contains("Stop newsletter by email?"), "the link names the topic declared by the reload: " + page);
			} finally {
				server.close();
			}
		}
	}

	/** The confirmation page of a message's unsubscribe link (GET changes nothing). */
	private static String page(String api, JsonNode message) throws Exception {
		String link = message.path("unsubscribe").asText();
		assertTrue(link.startsWith("https://shop.example/"), message.toString());
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(api + link.substring(link.indexOf("/u/")))).GET());
		assertEquals(200, page.statusCode(), page.body());
		return page.body();
	}

	private static void post(String api, String type) throws Exception {
		post(api, type, "");
	}

	private static void post(String api, String type, String fields) throws Exception {
		String line = "{\"customer\":\"ana\",\"type\":\"" + type + "\",\"time\":\"" + Instant.now() + "\"" + fields + "}";
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(api + "/v1/events"))
				.header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)));
		assertEquals(200, answer.statusCode(), answer.body());
		Thread.sleep(5); // the next event is later than this one
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String customerWhen(String api, Predicate<String> until) throws Exception {
		String[] view = { "" };
		waitFor(() -> {
			try {
				view[0] = send(HttpRequest.newBuilder(URI.create(api + "/v1/customers/ana")).GET()).body();
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
			return until.test(view[0]);
		}, "ana's view to change; last: " + view[0]);
		return view[0];
	}

	private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited a minute for: " + what);
			}
			Thread.sleep(20);
		}
	}
}
