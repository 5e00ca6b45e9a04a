package io.itinera.dsl.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class FormattingTest extends JourneyServerTestBase {

	private String format(String name, String text) throws Exception {
		String uri = openDocument(name, text);
		List<? extends TextEdit> edits = languageServer
				.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true)))
				.get(30, TimeUnit.SECONDS);
		return apply(text, edits);
	}

	@Test
	void phasesSchedulesAndTestStepsEachTakeALine() throws Exception {
		String messy = """
				journey Tiny { entry on visit -> A phases new,   old
				event visit
				stage A(new){after 30 days->B}
				stage B ( old ) {   }
				campaign C in A{every 7 days cap 1 per 7 days rule "o" otherwise then send push "p"}
				test "x"{given customer at 09 : 30 on visit expect stage A after 7 days expect send push "p" at 2024-03-01 08:00 expect stage B}
				}
				""";
		String expected = """
				journey Tiny {
				  entry on visit -> A
				  phases new, old
				  event visit
				  stage A (new) {
				    after 30 days -> B
				  }
				  stage B (old) { }
				  campaign C in A {
				    every 7 days
				    cap 1 per 7 days
				    rule "o" otherwise
				      then send push "p"
				  }
				  test "x" {
				    given customer
				    at 09:30
				    on visit
				    expect stage A
				    after 7 days
				    expect send push "p"
				    at 2024-03-01 08:00
				    expect stage B
				  }
				}
				""";
		String formatted = format("steps.journey", messy);
		Assertions.assertEquals(expected, formatted);
		Assertions.assertEquals(formatted, format("steps-again.journey", formatted), "formatting is idempotent");
	}

	@Test
	void messyJourneyIsLaidOutAsInTheDesign() throws Exception {
		String messy = """
				journey   Tiny "t"{ entry on  visit
				event visit{page:string   ms : int}
				event buy
				feature visits=count( visit )over 7   days
				feature last=last(visit . ms)
				stage A(awareness){on visit if visit.page=="home"->B
				after 1 day->B}
				stage B ( loyalty ) {   }
				campaign C in A,B{cap 1 per 1 day quiet hours 22 : 00 - 08:00
				rule "r" when visits>2 and not(last < -1) then send email "e" with k = 1 then tag "t"
				rule "o" otherwise then send push "p"}
				split S in A{50 % C,50 % holdout}
				test "x"{given customer in A with visits=3 on visit with page="home" expect stage B expect send email "e"}
				}
				""";
		String expected = """
				journey Tiny "t" {
				  entry on visit
				  event visit { page: string  ms: int }
				  event buy
				  feature visits = count(visit) over 7 days
				  feature last = last(visit.ms)
				  stage A (awareness) {
				    on visit if visit.page == "home" -> B
				    after 1 day -> B
				  }
				  stage B (loyalty) { }
				  campaign C in A, B {
				    cap 1 per 1 day
				    quiet hours 22:00 - 08:00
				    rule "r" when visits > 2 and not (last < -1)
				      then send email "e" with k = 1
				      then tag "t"
				    rule "o" otherwise
				      then send push "p"
				  }
				  split S in A { 50% C, 50% holdout }
				  test "x" {
				    given customer in A with visits = 3
				    on visit with page = "home"
				    expect stage B
				    expect send email "e"
				  }
				}
				""";
		String formatted = format("messy.journey", messy);
		Assertions.assertEquals(expected, formatted);
		Assertions.assertEquals(formatted, format("messy-again.journey", formatted), "formatting is idempotent");
	}

	@Test
	void everySampleJourneyFormatsIdempotently() throws Exception {
		List<Path> samples;
		try (Stream<Path> files = Files.list(Path.of("..", "journeys"))) {
			samples = files.filter(path -> path.toString().endsWith(".journey")).sorted().toList();
		}
		Assertions.assertFalse(samples.isEmpty());
		for (Path sample : samples) {
			String once = format("once-" + sample.getFileName(), read(sample));
			String twice = format("twice-" + sample.getFileName(), once);
			Assertions.assertEquals(once, twice, sample + " formats the same way twice");
		}
	}

	private static String read(Path path) throws IOException {
		return Files.readString(path);
	}
}
