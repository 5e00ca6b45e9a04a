package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /v1/customers/{id}/profile} on a real {@code itinera serve}: the attributes are typed and
 * checked (a bad value or an undeclared attribute is a 400 with the reason), the profile may come before
 * the customer's first event, and the rules then decide on it.
 */
class ServeProfileTest {
	private static final String JOURNEY = """
			journey ProfileLive "Serve profile test" {
			  entry on signup
			  customer { tier: string  points: decimal }
			  event signup { plan: string }
			  stage Active (consideration) { }
			  campaign Hello in Active {
			    rule "Gold" when tier == "gold" and points > 5 then send email "gold"
			    rule "Plain" otherwise then send email "plain"
			  }
			}
			""";

	@TempDir
	Path dir;

	@Test
	void aProfileBeforeTheFirstEventDecidesTheRules() throws Exception {
		Path journey = Files.writeString(dir.resolve("profile-live.journey"), JOURNEY);
		Path plan = dir.resolve("plan.json");
		InProcessCli.succeeding("compile", journey.toString(), "-o", plan.toString());
		try (ServeProcess server = ServeProcess.start(plan, dir.resolve("state"), List.of())) {
			HttpResponse<String> put = put(server, "/v1/customers/p-1/profile", "{\"tier\":\"gold\",\"points\":10}");
			assertEquals(200, put.statusCode(), put.body());
			assertTrue(put.body().contains("\"tier\":\"gold\"") && put.body().contains("\"points\":10.0"), put.body());

			HttpResponse<String> bad = put(server, "/v1/customers/p-2/profile", "{\"points\":\"abc\"}");
			assertEquals(400, bad.statusCode(), bad.body());
			assertTrue(bad.body().contains("abc"), bad.body());
			HttpResponse<String> unknown = put(server, "/v1/customers/p-2/profile", "{\"shoeSize\":44}");
			assertEquals(400, unknown.statusCode(), unknown.body());
			assertTrue(unknown.body().contains("no customer attribute 'shoeSize'") && unknown.body().contains("tier, points"),
					unknown.body());

			for (String customer : List.of("p-1", "p-3")) {
				assertEquals(200, server.post("/v1/events", "application/json",
						"[" + ServeCommandTest.event(customer, "signup", ",\"plan\":\"pro\"") + "]", null).statusCode());
			}
			assertTrue(awaitAction(server, "p-1").contains("\"gold\""), "the imported tier decided");
			assertTrue(awaitAction(server, "p-3").contains("\"plain\""), "no profile, the plain rule");
		}
	}

	private static String awaitAction(ServeProcess server, String customer) throws Exception {
		String body = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!body.contains("\"recentActions\":[{") && System.nanoTime() < deadline) {
			Thread.sleep(100);
			body = server.get("/v1/customers/" + customer, null).body();
		}
		return body;
	}

	private static HttpResponse<String> put(ServeProcess server, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
				.timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
				.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}
}
