package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The output files keep the bytes Jackson's default generator wrote before: checked against it. */
class JsonObjectTextTest {
	private static final JsonFactory JSON = new JsonFactory();

	@Test
	void stringsAreEscapedAsJacksonEscapesThem() throws IOException {
		Random random = new Random(26);
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x400; c++) {
			every.append(c);
		}
		assertSameAsJackson(every.toString());
		assertSameAsJackson("");
		assertSameAsJackson("plain");
		assertSameAsJackson("\uD83D\uDE00 \uD800 lone \uDC00 \u2028\u2029\u007F");
		for (int i = 0; i < 2_000; i++) {
			char[] chars = new char[random.nextInt(12)];
			for (int j = 0; j < chars.length; j++) {
				chars[j] = random.nextBoolean() ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000);
			}
			assertSameAsJackson(new String(chars));
		}
	}

	@Test
	void numbersAndNullsAreWrittenAsJacksonWritesThem() throws IOException {
		double[] values = {0.0, -0.0, 1.0, 0.8125, 1.0E-5, 1.0E21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE,
				Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
		for (double value : values) {
			StringWriter text = new StringWriter();
			try (JsonGenerator json = JSON.createGenerator(text)) {
				json.writeStartObject();
				json.writeNumberField("n", value);
				json.writeNumberField("l", Long.MIN_VALUE);
				json.writeStringField("s", null);
				json.writeObjectFieldStart("o");
				json.writeFieldName("d");
				json.writeNull();
				json.writeEndObject();
				json.writeEndObject();
			}
			assertEquals(text.toString(), new JsonObjectText().number("n", value).number("l", Long.MIN_VALUE).string("s", null)
					.startObject("o").number("d", (Double) null).endObject().toString());
		}
	}

	@Test
	void longsAreWrittenAsLongToStringWritesThem() {
		Random random = new Random(7);
		long[] edges = {0, 1, -1, 9, 10, 99, 100, -10, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
		for (long value : edges) {
			assertEquals("{\"n\":" + value + "}", new JsonObjectText().number("n", value).toString());
		}
		for (int i = 0; i < 20_000; i++) {
			long value = random.nextLong() >> random.nextInt(64);
			assertEquals("{\"n\":" + value + "}", new JsonObjectText().number("n", value).toString());
		}
	}

	@Test
	void timesAreWrittenAsInstantWritesThem() {
		Random random = new Random(42);
		long first = LocalDate.of(-2, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		long last = LocalDate.of(10_001, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		long[] edges = {0, -1, 1, 999, 1_000, 86_399_999, 86_400_000, 1_512_317_402_000L, first, last, Long.MAX_VALUE, Long.MIN_VALUE,
				LocalDate.of(0, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
				LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1};
		for (long millis : edges) {
			assertTime(millis);
		}
		for (int i = 0; i < 20_000; i++) {
			long millis = first + (long) (random.nextDouble() * (last - first));
			assertTime(random.nextBoolean() ? millis : millis / 1000 * 1000);
			assertTime(1_512_000_000_000L + random.nextInt(1_000_000_000));
		}
	}

	private static void assertTime(long millis) {
		StringBuilder text = new StringBuilder();
		IsoInstant.append(text, millis);
		assertEquals(Instant.ofEpochMilli(millis).toString(), text.toString(), "at " + millis);
	}

	private static void assertSameAsJackson(String value) throws IOException {
		StringWriter text = new StringWriter();
		try (JsonGenerator json = JSON.createGenerator(text)) {
			json.writeStartObject();
			json.writeStringField(value, value);
			json.writeEndObject();
		}
		// the files hold UTF-8: Jackson's text as its bytes (a lone surrogate becomes '?', as String.getBytes writes it)
		byte[] expected = text.toString().getBytes(StandardCharsets.UTF_8);
		JsonObjectText ours = new JsonObjectText().string(value, value);
		assertArrayEquals(expected, Arrays.copyOf(ours.bytes(), ours.length()));
		assertEquals(new String(expected, StandardCharsets.UTF_8), ours.toString());
		assertArrayEquals(expected, Arrays.copyOf(ours.reset().string(value, value).bytes(), ours.length()), "reused");
	}
}
