package io.itinera.runtime.plan;

import java.util.Locale;

/**
 * A subscription topic: what a send is about, on one channel ({@code promotions email opt-out}).
 * Its kind says what a customer who never said anything gets: an {@code opt-out} topic is sent until
 * they unsubscribe, an {@code opt-in} topic only after they subscribed, and a {@code transactional}
 * one (receipts) always, opt-outs notwithstanding. Declared once per workspace ({@code itinera.workspace})
 * or in a journey alone.
 */
public record Topic(String name, Channel channel, Kind kind, SourceLocation location) {

	public enum Kind {
		OPT_OUT, OPT_IN, TRANSACTIONAL;

		/** As the language writes it: {@code opt-out}, {@code opt-in}, {@code transactional}. */
		public String word() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/** The kind a word names, or null. */
		public static Kind ofWord(String word) {
			for (Kind kind : values()) {
				if (kind.word().equals(word)) {
					return kind;
				}
			}
			return null;
		}
	}

	/** {@code promotions email opt-out}, as declared. */
	public String describe() {
		return name + " " + channel.name().toLowerCase(Locale.ROOT) + " " + kind.word();
	}
}
