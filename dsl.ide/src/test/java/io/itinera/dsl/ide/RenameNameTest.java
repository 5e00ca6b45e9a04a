package io.itinera.dsl.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

/** Rename refuses a new name that would break the journey, and says what to do instead. */
class RenameNameTest extends JourneyServerTestBase {

	private final String text = sample();
	private String uri;

	private WorkspaceEdit rename(String marker, int delta, String newName) throws Exception {
		uri = openDocument("rename.journey", text);
		Position position = at(text, marker, delta);
		return languageServer.rename(new RenameParams(new TextDocumentIdentifier(uri), position, newName))
				.get(10, TimeUnit.SECONDS);
	}

	private ResponseError refusal(String marker, int delta, String newName) {
		ExecutionException failure = assertThrows(ExecutionException.class, () -> rename(marker, delta, newName));
		ResponseError error = assertInstanceOf(ResponseErrorException.class, failure.getCause()).getResponseError();
		Assertions.assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getCode(), error.getMessage());
		return error;
	}

	@Test
	void aNameWithASpaceIsRefused() {
		Assertions.assertEquals("'a b' is not a name: use letters, digits and _, starting with a letter or _ (such as 'a_b').",
				refusal("stage Carted", 7, "a b").getMessage());
	}

	@Test
	void aNameStartingWithADigitIsRefused() {
		assertTrue(refusal("stage Carted", 7, "1bad").getMessage().startsWith("'1bad' is not a name"));
	}

	@Test
	void aKeywordIsRefused() {
		Assertions.assertEquals("'stage' is a keyword of the journey language. Choose another name, such as 'Stage'.",
				refusal("stage Carted", 7, "stage").getMessage());
	}

	@Test
	void theNameOfAnotherStageIsRefused() {
		Assertions.assertEquals("The journey already has a stage named 'Abandoned'. Choose a name nothing else uses.",
				refusal("stage Carted", 7, "Abandoned").getMessage());
	}

	@Test
	void aFeatureCannotTakeTheNameOfAnEvent() {
		assertTrue(refusal("feature cartValue", 9, "purchase").getMessage()
				.startsWith("The journey already has an event named 'purchase'"));
	}

	@Test
	void anEmptyNameIsRefused() {
		Assertions.assertEquals("The new name is empty. Type a name such as 'NewName'.",
				refusal("stage Carted", 7, "").getMessage());
	}

	@Test
	void aFreeNameRenamesTheDeclarationAndEveryReference() throws Exception {
		String renamed = apply(text, editsFor(rename("stage Carted", 7, "Basket"), uri));
		assertTrue(renamed.contains("stage Basket (consideration)"), renamed);
		assertTrue(renamed.contains("-> Basket"), renamed);
		assertTrue(!renamed.contains("Carted"), renamed);
	}

	@Test
	void aJourneyWithASyntaxErrorIsNotRenamedUntilItIsFixed() throws Exception {
		String broken = java.nio.file.Files.readString(java.nio.file.Path.of("..", "journeys", "uci-repeat-purchase.journey"))
				.replace("feature daysIdle   = days since last order", "feature dace last order");
		String brokenUri = openDocument("broken.journey", broken);
		RenameParams params = new RenameParams(new TextDocumentIdentifier(brokenUri), at(broken, "feature spend90d", 10),
				"spendQuarter");
		ExecutionException failure = assertThrows(ExecutionException.class,
				() -> languageServer.rename(params).get(10, TimeUnit.SECONDS));
		ResponseError error = assertInstanceOf(ResponseErrorException.class, failure.getCause()).getResponseError();
		Assertions.assertEquals(ResponseErrorCode.RequestFailed.getValue(), error.getCode());
		int brokenLine = broken.substring(0, broken.indexOf("feature dace last order")).split("\n", -1).length;
		assertTrue(error.getMessage().startsWith("Fix the syntax error on line " + brokenLine + " first ("), error.getMessage());
	}
}
