package io.itinera.serve.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLineParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks a request's events with the same parser and column mapping as a log file, appends the good
 * ones to the input log (synced before this returns) and sends the bad ones, with their reasons,
 * to the rejected-lines file.
 */
public final class EventIntake {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final long PARSER_REFRESH_NANOS = 60_000_000_000L;

	private final InputLog log;
	private final Supplier<EventLineParser> newParser;
	private final RejectedLines rejected;
	private final int maxEvents;
	private final ThreadLocal<DatedParser> parsers = new ThreadLocal<>();
	private final ErasureGate gate;

	/** Counts {@link #renewParsers()}: a parser made before the last one is made again. */
	private volatile long generation;

	private record DatedParser(EventLineParser parser, long madeAt, long generation) {
	}

	/** {@code newParser} gives a parser whose plausible-time window starts now: it is renewed every minute. */
	public EventIntake(InputLog log, Supplier<EventLineParser> newParser, RejectedLines rejected, int maxEvents) {
		this(log, newParser, rejected, maxEvents, ErasureGate.open());
	}

	/** {@code gate}: events of erased customers are dropped here, before the log (counted as accepted: they were handled). */
	public EventIntake(InputLog log, Supplier<EventLineParser> newParser, RejectedLines rejected, int maxEvents, ErasureGate gate) {
		this.gate = gate;
		this.log = log;
		this.newParser = newParser;
		this.rejected = rejected;
		this.maxEvents = maxEvents;
	}

	/**
	 * @param arrayOrLines the request body: a JSON array of event objects, or JSON Lines
	 * @throws BadBatchException when the body as a whole cannot be read (the reason is for the client)
	 */
	public IntakeResult accept(byte[] arrayOrLines) throws BadBatchException, IOException, InterruptedException {
		List<String> lines = startsWithArray(arrayOrLines) ? arrayElements(arrayOrLines) : jsonLines(arrayOrLines);
		if (lines.isEmpty()) {
			throw new BadBatchException("no events in the body: send a JSON array of event objects or JSON Lines");
		}
		if (lines.size() > maxEvents) {
			throw new BadBatchException.TooLarge("too many events in one request: " + lines.size() + " (at most " + maxEvents
					+ "); split the batch");
		}
		EventLineParser parser = parser();
		ByteArrayOutputStream good = new ByteArrayOutputStream(arrayOrLines.length + lines.size());
		List<DeadLetter> bad = new ArrayList<>();
		int accepted = 0;
		java.util.concurrent.locks.Lock admission = gate.admission();
		admission.lock();
		try {
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				try {
					io.itinera.runtime.step.Event event = parser.parse(line);
					if (!gate.admits(event.customerId(), event.type())) {
						accepted++;
						continue;
					}
					good.writeBytes(line.getBytes(StandardCharsets.UTF_8));
					good.write('\n');
					accepted++;
				} catch (BadLineException e) {
					bad.add(new DeadLetter(i + 1, e.getMessage(), line));
				} catch (RuntimeException e) {
					bad.add(new DeadLetter(i + 1, "could not be read (" + e.getClass().getSimpleName() + ")", line));
				}
			}
			if (good.size() > 0) {
				log.append(good.toByteArray());
			}
		} finally {
			admission.unlock();
		}
		if (!bad.isEmpty()) {
			rejected.write(bad);
		}
		return new IntakeResult(accepted, bad);
	}

	/** The journey was reloaded: requests from now on are checked against its events. */
	public synchronized void renewParsers() {
		generation++;
	}

	private EventLineParser parser() {
		DatedParser dated = parsers.get();
		long now = generation;
		if (dated == null || dated.generation() != now || System.nanoTime() - dated.madeAt() > PARSER_REFRESH_NANOS) {
			dated = new DatedParser(newParser.get(), System.nanoTime(), now);
			parsers.set(dated);
		}
		return dated.parser();
	}

	private static boolean startsWithArray(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return b == '[';
			}
		}
		return false;
	}

	/**
	 * Each element as one line: its own bytes when they hold no line break (no re-encoding), else
	 * re-written compactly. An element that is not an object stays as it is, and the parser refuses it.
	 */
	private static List<String> arrayElements(byte[] body) throws BadBatchException {
		List<String> lines = new ArrayList<>();
		try (JsonParser parser = JSON.getFactory().createParser(body)) {
			parser.nextToken();
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new BadBatchException("the JSON array is not closed: end it with ]");
				}
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentLocation().getByteOffset();
				String element = new String(body, start, end - start, StandardCharsets.UTF_8);
				lines.add(element.indexOf('\n') < 0 && element.indexOf('\r') < 0 ? element
						: JSON.writeValueAsString(JSON.readTree(element)));
			}
			if (parser.nextToken() != null) {
				throw new BadBatchException("text after the JSON array: send one array per request");
			}
		} catch (JsonProcessingException e) {
			throw new BadBatchException("broken JSON at line " + e.getLocation().getLineNr() + ", column "
					+ e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new BadBatchException("the body cannot be read: " + e.getMessage());
		}
		return lines;
	}

	private static List<String> jsonLines(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			String line = text.substring(start, end).strip();
			if (!line.isEmpty()) {
				lines.add(line);
			}
			start = end + 1;
		}
		return lines;
	}
}
