package io.itinera.runtime.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles one campaign's raw {@code drl} block on its own, behind the journey's header, and
 * says what Drools finds wrong with it, at lines counted from the block's first line. For the
 * editor and {@code itinera check}: nothing is kept.
 */
public final class RawDrlChecker {

	public List<DrlProblem> check(String journey, String campaign, String block) {
		String header = DrlGenerator.header(DrlGenerator.packageName(journey));
		int headerLines = (int) header.chars().filter(c -> c == '\n').count();
		KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
		builder.add(ResourceFactory.newByteArrayResource((header + block).getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
		List<DrlProblem> problems = new ArrayList<>();
		for (KnowledgeBuilderResult error : builder.getErrors()) {
			int[] lines = error.getLines();
			int line = lines == null || lines.length == 0 || lines[0] <= headerLines ? 0 : lines[0] - headerLines;
			problems.add(new DrlProblem(campaign, line, 0, error.getMessage().strip()));
		}
		return problems;
	}
}
