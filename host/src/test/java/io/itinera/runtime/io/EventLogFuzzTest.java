package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.step.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the event reader: good lines mixed with random bytes, cut lines, extreme
 * times and broken cells. Every line that does not become an event is a dead letter with its line
 * number and a reason; every good line gives exactly the event it gives when read with the good
 * lines alone; nothing throws.
 */
class EventLogFuzzTest {
	private static final String[] EXTREME_TIMES = { "+999999999-12-31T23:59:59Z", "-", "99999999999999999999", "9999-12-31",
			"2062-11-25T10:00:00Z", "19970101", "-1", "0", "1e9", "NaN", "1989-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
			"2017-02-30T00:00:00Z", "", " ", "\"", "2017-11-25T25:00:00Z" };

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void badLinesNeverChangeGoodOnes(long seed) throws IOException {
		Random random = new Random(seed);
		boolean jsonl = seed % 2 == 0;
		String header = "customer,time,type,item,price\n";
		List<String> good = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			good.add(goodLine(random, jsonl));
		}
		ByteArrayOutputStream mixed = new ByteArrayOutputStream();
		ByteArrayOutputStream alone = new ByteArrayOutputStream();
		if (!jsonl) {
			mixed.writeBytes(bytes(header));
			alone.writeBytes(bytes(header));
		}
		long line = jsonl ? 0 : 1;
		Map<Long, Integer> goodByLine = new HashMap<>();
		Map<Long, Boolean> surelyBad = new HashMap<>();
		int next = 0;
		while (next < good.size()) {
			if (random.nextInt(3) == 0) {
				byte[] noise = noise(random, good.get(random.nextInt(good.size())), jsonl);
				mixed.writeBytes(noise);
				mixed.write('\n');
				line++;
				surelyBad.put(line, isSurelyBad(noise));
			} else {
				String text = good.get(next);
				mixed.writeBytes(bytes(text + "\n"));
				alone.writeBytes(bytes(text + "\n"));
				line++;
				goodByLine.put(line, next++);
			}
		}
		ReadOptions options = HostileLogTest.OPTIONS;
		InputFormat format = jsonl ? InputFormat.JSONL : InputFormat.CSV;
		List<SourceRecord> expected = read("alone", alone.toByteArray(), format, options);
		assertEquals(good.size(), expected.size());
		expected.forEach(r -> assertNotNull(r.event(), "a good line: " + r));
		List<SourceRecord> records = read("mixed", mixed.toByteArray(), format, options);

		for (SourceRecord record : records) {
			Integer goodIndex = goodByLine.get(record.lineNumber());
			if (goodIndex != null) {
				assertEquals(expected.get(goodIndex).event(), record.event(), "good line " + record.lineNumber());
				continue;
			}
			assertTrue(surelyBad.containsKey(record.lineNumber()), "a record for a line that was never written: " + record);
			if (record.event() == null) {
				assertNotNull(record.deadLetter(), "line " + record.lineNumber() + " is neither an event nor a dead letter");
				assertEquals(record.lineNumber(), record.deadLetter().line());
				assertFalse(record.deadLetter().reason().isBlank());
				assertTrue(record.deadLetter().reason().length() < 600, record.deadLetter().reason());
			} else {
				assertFalse(surelyBad.get(record.lineNumber()), "line " + record.lineNumber() + " should be a dead letter: "
						+ record.event());
			}
		}
		long goodSeen = records.stream().filter(r -> goodByLine.containsKey(r.lineNumber())).count();
		assertEquals(good.size(), goodSeen, "every good line is read");
	}

	private List<SourceRecord> read(String name, byte[] bytes, InputFormat format, ReadOptions options) throws IOException {
		Path file = dir.resolve(name + (format == InputFormat.JSONL ? ".jsonl" : ".csv"));
		Files.write(file, bytes);
		List<SourceRecord> records = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, format, ColumnMapping.defaults(), null, ',', HostileLogTest.SCHEMA,
				options)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				records.add(record);
			}
			assertNull(source.next());
		}
		return records;
	}

	private static String goodLine(Random random, boolean jsonl) {
		String customer = "c" + random.nextInt(50);
		long seconds = 1_511_500_000L + random.nextInt(1_000_000);
		String time = random.nextBoolean() ? Long.toString(seconds) : java.time.Instant.ofEpochSecond(seconds).toString();
		String price = random.nextBoolean() ? "" : String.valueOf(random.nextInt(10_000) / 100.0);
		String item = "i" + random.nextInt(1000);
		if (jsonl) {
			return "{\"customer\":\"" + customer + "\",\"time\":\"" + time + "\",\"type\":\"view\",\"item\":\"" + item + "\""
					+ (price.isEmpty() ? "" : ",\"price\":" + price) + "}";
		}
		return customer + "," + time + ",view," + item + "," + price;
	}

	/** A bad line: random bytes, a good line cut short or with an extreme time, or binary junk. No \n or \r in it. */
	private static byte[] noise(Random random, String template, boolean jsonl) {
		switch (random.nextInt(5)) {
		case 0: {
			byte[] junk = new byte[1 + random.nextInt(120)];
			random.nextBytes(junk);
			return clean(junk);
		}
		case 1:
			return bytes(template.substring(0, random.nextInt(template.length())));
		case 2: {
			String extreme = EXTREME_TIMES[random.nextInt(EXTREME_TIMES.length)];
			if (jsonl) {
				return bytes(template.replaceFirst("\"time\":\"[^\"]*\"", "\"time\":\"" + extreme.replace("\"", "\\\"") + "\""));
			}
			String[] cells = template.split(",", -1);
			cells[1] = extreme.equals("\"") ? "\"" : extreme;
			return bytes(String.join(",", cells));
		}
		case 3: {
			byte[] line = bytes(template);
			line[random.nextInt(line.length)] = (byte) (0x80 + random.nextInt(0x80));
			return line;
		}
		default: {
			byte[] line = bytes(template);
			line[random.nextInt(line.length)] = 0;
			return line;
		}
		}
	}

	/** Random bytes make a line that might, by luck, be good; these can not be. */
	private static boolean isSurelyBad(byte[] noise) {
		String text = new String(noise, StandardCharsets.ISO_8859_1);
		if (text.indexOf('\0') >= 0) {
			return true;
		}
		for (String extreme : EXTREME_TIMES) {
			if (!extreme.isBlank() && (text.contains("," + extreme + ",") || text.contains("\"time\":\"" + extreme + "\""))) {
				return true;
			}
		}
		return LineReader.firstInvalidByte(noise, 0, noise.length) >= 0;
	}

	private static byte[] clean(byte[] junk) {
		for (int i = 0; i < junk.length; i++) {
			if (junk[i] == '\n' || junk[i] == '\r') {
				junk[i] = ' ';
			}
		}
		return junk;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
