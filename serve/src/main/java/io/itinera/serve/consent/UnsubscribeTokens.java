package io.itinera.serve.consent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unsubscribe tokens: customer, topic, channel, action and expiry, signed with HMAC-SHA256 under the
 * server's secret, so a link can only come from this server and says exactly whom and what it
 * unsubscribes. A token is {@code PAYLOAD.SIGNATURE}, both base64url without padding; the payload is
 * {@code v1 NUL customer NUL topic NUL channel NUL action NUL expiresAtSeconds} (topic empty: every
 * topic of the channel but transactional ones).
 */
public final class UnsubscribeTokens {
	private static final String ALGORITHM = "HmacSHA256";
	private static final String VERSION = "v1";
	public static final int MIN_SECRET_BYTES = 32;
	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** What a valid token says. {@code action}: {@code unsubscribe}. */
	public record Claim(String customer, String topic, String channel, String action, long expiresAtSeconds) {
	}

	/** A token that is not one of ours, or no longer good; the message says which, for the page. */
	public static final class InvalidToken extends Exception {
		public InvalidToken(String message) {
			super(message);
		}
	}

	private final SecretKeySpec key;

	public UnsubscribeTokens(byte[] secret) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("the unsubscribe secret must have at least " + MIN_SECRET_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
	}

	public String sign(Claim claim) {
		for (String part : new String[] { claim.customer(), claim.topic(), claim.channel(), claim.action() }) {
			if (part.indexOf('\0') >= 0) {
				throw new IllegalArgumentException("a token's parts cannot hold NUL");
			}
		}
		String payload = String.join("\0", VERSION, claim.customer(), claim.topic(), claim.channel(), claim.action(),
				Long.toString(claim.expiresAtSeconds()));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
	}

	/** The claim of a token signed here and not expired at {@code nowSeconds}. */
	public Claim verify(String token, long nowSeconds) throws InvalidToken {
		int dot = token == null ? -1 : token.indexOf('.');
		if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
			throw new InvalidToken("this link is not a valid unsubscribe link");
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = DECODER.decode(token.substring(0, dot));
			signature = DECODER.decode(token.substring(dot + 1));
		} catch (IllegalArgumentException e) {
			throw new InvalidToken("this link is not a valid unsubscribe link");
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) { // constant time
			throw new InvalidToken("this unsubscribe link was not issued by this server, or was altered");
		}
		String[] parts = new String(payload, StandardCharsets.UTF_8).split("\0", -1);
		if (parts.length != 6 || !VERSION.equals(parts[0])) {
			throw new InvalidToken("this unsubscribe link is of a form this server does not read");
		}
		long expires;
		try {
			expires = Long.parseLong(parts[5]);
		} catch (NumberFormatException e) {
			throw new InvalidToken("this unsubscribe link is of a form this server does not read");
		}
		if (expires < nowSeconds) {
			throw new InvalidToken("this unsubscribe link has expired; use the link in a recent message, or the preferences page");
		}
		return new Claim(parts[1], parts[2], parts[3], parts[4], expires);
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(payload);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
		}
	}
}
