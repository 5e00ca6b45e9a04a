package io.itinera.serve.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed unsubscribe tokens: what we sign verifies; a forged, altered, expired or mangled one does not. */
class UnsubscribeTokensTest {
	static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
	final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);
	final UnsubscribeTokens.Claim claim = new UnsubscribeTokens.Claim("c-1", "promotions", "email", "unsubscribe", 2_000);

	@Test
	void aTokenWeSignedSaysWhatWeSigned() throws Exception {
		assertEquals(claim, tokens.verify(tokens.sign(claim), 1_000));
		assertEquals(claim, tokens.verify(tokens.sign(claim), 2_000), "good until its second");
	}

	@Test
	void aTokenSignedWithAnotherSecretIsRefused() {
		String forged = new UnsubscribeTokens("another secret, 32 bytes long at least!".getBytes(StandardCharsets.UTF_8)).sign(claim);
		UnsubscribeTokens.InvalidToken e = assertThrows(UnsubscribeTokens.InvalidToken.class, () -> tokens.verify(forged, 1_000));
		assertTrue(e.getMessage().contains("not issued by this server"), e.getMessage());
	}

	@Test
	void anAlteredTokenIsRefused() {
		String token = tokens.sign(claim);
		String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
		String otherCustomer = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(payload.replace("c-1", "c-2").getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
		assertThrows(UnsubscribeTokens.InvalidToken.class, () -> tokens.verify(otherCustomer, 1_000));
		String longer = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(payload.replace("\u00002000", "\u000099999").getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
		assertThrows(UnsubscribeTokens.InvalidToken.class, () -> tokens.verify(longer, 1_000), "a later expiry is an alteration");
		char last = token.charAt(token.length() - 1);
		String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
		assertThrows(UnsubscribeTokens.InvalidToken.class, () -> tokens.verify(flipped, 1_000));
	}

	@Test
	void anExpiredTokenIsRefused() {
		UnsubscribeTokens.InvalidToken e = assertThrows(UnsubscribeTokens.InvalidToken.class,
				() -> tokens.verify(tokens.sign(claim), 2_001));
		assertTrue(e.getMessage().contains("expired"), e.getMessage());
	}

	@Test
	void mangledTokensAreRefused() {
		for (String token : new String[] { null, "", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.???" }) {
			assertThrows(UnsubscribeTokens.InvalidToken.class, () -> tokens.verify(token, 1_000), String.valueOf(token));
		}
	}

	@Test
	void aShortSecretIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> new UnsubscribeTokens("short".getBytes(StandardCharsets.UTF_8)));
	}
}
