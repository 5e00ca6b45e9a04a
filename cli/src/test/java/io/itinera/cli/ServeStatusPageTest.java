package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.serve.testing.StubProvider;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of a real {@code itinera serve} with real figures (customers in a stage, emails
 * delivered to a stub provider), in headless Chromium: drawn with its journey graph, no console
 * message, a screenshot in {@code target/serve-status-page.png}. The token rules of the API apply.
 */
class ServeStatusPageTest {
	private static final String TOKEN = "page-token";

	@TempDir
	Path dir;

	@Test
	void thePageShowsTheServerInABrowser() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		try (StubProvider provider = new StubProvider(StubProvider.Misbehaviour.NONE)) {
			Path delivery = dir.resolve("delivery.json");
			Files.writeString(delivery, "{ \"channels\": { \"email\": { \"url\": \"" + provider.url("/email") + "\" } } }");
			try (ServeProcess server = ServeProcess.start(plan, dir.resolve("state"), List.of("--deliver", delivery.toString(),
					"--checkpoint-ms", "200"))) {
				StringBuilder events = new StringBuilder("[");
				for (int c = 0; c < 7; c++) {
					events.append(c == 0 ? "" : ",").append(ServeCommandTest.event("p" + c, "signup", ",\"plan\":\"pro\""));
				}
				assertEquals(200, server.post("/v1/events", "application/json", events.append("]").toString(), null).statusCode());
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (provider.accepted().size() < 7 && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				assertEquals(7, provider.accepted().size());
				assertEquals(200, server.get("/v1/customers/p6", TOKEN).statusCode()); // the checkpoint of all seven

				String html = server.get("/", null).body();
				assertTrue(html.startsWith("<!DOCTYPE html>"), html);
				assertTrue(html.contains("id=\"journey-graph\"") && html.contains("in 7 now"), html);
				assertTrue(html.contains("<td>email</td><td>delivered</td><td class=\"n\">7</td>"), html);
				assertFalse(html.contains("<script"), "no script on the page");

				HeadlessChromium.assumeInstalled("the status page in a browser");
				String url = "http://127.0.0.1:" + server.port() + "/";
				HeadlessChromium.Logged dom = HeadlessChromium.runLogged(dir, "--dump-dom", url);
				assertTrue(dom.out().contains("LiveTest") && dom.out().contains("in 7 now") && dom.out().contains("<svg"), dom.out());
				assertFalse(dom.log().contains("CONSOLE"), "console messages: " + dom.log());
				Path png = Path.of("target", "serve-status-page.png").toAbsolutePath();
				Files.deleteIfExists(png);
				HeadlessChromium.run(dir, "--screenshot=" + png, "--window-size=1280,1600", url);
				BufferedImage image = ImageIO.read(png.toFile());
				assertEquals(1280, image.getWidth());
			}
		}
	}

	@Test
	void thePageNeedsTheTokenWhenTheServerHasOne() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		try (ServeProcess server = ServeProcess.start(plan, dir.resolve("state"), List.of("--token", TOKEN))) {
			assertEquals(401, server.get("/", null).statusCode());
			assertEquals(200, server.get("/", TOKEN).statusCode());
		}
	}
}
