package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonLineTest {
	private static final JsonFactory JSON = new JsonFactory();

	@Test
	void readsAFlatLineAsJacksonDoes() {
		String line = "{\"customer\":\"c1\",\"time\":\"2026-03-01T00:01:06Z\",\"type\":\"product_view\",\"price\":55.85,"
				+ "\"n\":-0,\"e\":1.5E+3,\"ok\":true,\"no\":false,\"gone\":null,\"customer\":\"c2\",\"\":\"\", \"s\" : \"ü €\" }";
		Map<String, String> values = new HashMap<>();
		assertTrue(new FlatJsonLine().read(line, values));
		assertEquals(jackson(line), values);
		assertEquals("c1", values.get("customer"));
		assertEquals("55.85", values.get("price"));
		assertFalse(values.containsKey("gone"));
	}

	@Test
	void declinesWhatItDoesNotReadItself() {
		for (String line : new String[] { "{\"a\":\"x\\\"y\"}", "{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":01}", "{\"a\":1.}",
				"{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":1x}", "{\"a\":truex}", "{\"a\":1} x", "{\"a\":1}{}", "[1]", "",
				"{\"a\":\"tab\there\"}", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1", "{\"a\":\"open}", "{\"a\":NaN}", "\uFEFF{}" }) {
			assertFalse(new FlatJsonLine().read(line, new HashMap<>()), line);
		}
	}

	/** Random lines near the simple form: whatever the scanner accepts, Jackson reads alike. */
	@Test
	void acceptsOnlyWhatJacksonReadsTheSame() {
		Random random = new Random(27);
		String[] pieces = { "{", "}", "\"", ":", ",", " ", "a", "b", "0", "1", "-", ".", "e", "+", "true", "null", "\\", "[", "\t", "é" };
		FlatJsonLine flat = new FlatJsonLine();
		int accepted = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder line = new StringBuilder();
			if (random.nextInt(3) > 0) {
				line.append(simpleLine(random));
				int edits = random.nextInt(3);
				for (int e = 0; e < edits && line.length() > 0; e++) {
					int at = random.nextInt(line.length());
					line.replace(at, at + random.nextInt(2), pieces[random.nextInt(pieces.length)]);
				}
			} else {
				int n = random.nextInt(12);
				for (int p = 0; p < n; p++) {
					line.append(pieces[random.nextInt(pieces.length)]);
				}
			}
			Map<String, String> values = new HashMap<>();
			if (flat.read(line.toString(), values)) {
				accepted++;
				assertEquals(jackson(line.toString()), values, line.toString());
			}
		}
		assertTrue(accepted > 50_000, "accepted " + accepted);
	}

	private static String simpleLine(Random random) {
		StringBuilder line = new StringBuilder("{");
		int members = random.nextInt(6);
		for (int m = 0; m < members; m++) {
			line.append(m == 0 ? "" : ",").append('"').append((char) ('a' + random.nextInt(4))).append("\":");
			switch (random.nextInt(5)) {
			case 0 -> line.append('"').append("v").append(random.nextInt(100)).append('"');
			case 1 -> line.append(random.nextInt(2000) - 1000).append(random.nextBoolean() ? "." + random.nextInt(100) : "");
			case 2 -> line.append(random.nextBoolean() ? "1e" + random.nextInt(9) : "-2.5E-" + random.nextInt(9));
			case 3 -> line.append(random.nextBoolean() ? "true" : "false");
			default -> line.append("null");
			}
		}
		return line.append('}').toString();
	}

	/** The top-level values as the parser's Jackson path reads a flat line; null when Jackson refuses it. */
	private static Map<String, String> jackson(String line) {
		Map<String, String> values = new HashMap<>();
		try (JsonParser parser = JSON.createParser(line)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					return null;
				}
				if (value != JsonToken.VALUE_NULL) {
					values.putIfAbsent(name, parser.getText());
				}
			}
			if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
				return null;
			}
		} catch (IOException e) {
			return null;
		}
		return values;
	}
}
