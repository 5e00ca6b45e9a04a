package io.itinera.runtime.io;

import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code actions.jsonl}, {@code stage-changes.jsonl}, {@code dead-letters.jsonl} and {@code suppressions.jsonl} in one directory. */
public final class JsonLinesOutput implements RunOutput {
	public static final String ACTIONS = "actions.jsonl";
	public static final String STAGE_CHANGES = "stage-changes.jsonl";
	public static final String DEAD_LETTERS = "dead-letters.jsonl";
	public static final String SUPPRESSIONS = "suppressions.jsonl";

	private final AppendOnlyFile actions;
	private final AppendOnlyFile stageChanges;
	private final AppendOnlyFile deadLetters;
	private final AppendOnlyFile suppressions;
	/** Each line's bytes, written into one buffer by the one thread that writes. */
	private final JsonObjectText line = new JsonObjectText();

	/** Opens the files for appending; a fresh run should first {@link #restore} to {@link OutputPositions#START}. */
	public JsonLinesOutput(Path directory) throws IOException {
		Files.createDirectories(directory);
		this.actions = new AppendOnlyFile(directory.resolve(ACTIONS));
		this.stageChanges = new AppendOnlyFile(directory.resolve(STAGE_CHANGES));
		this.deadLetters = new AppendOnlyFile(directory.resolve(DEAD_LETTERS));
		this.suppressions = new AppendOnlyFile(directory.resolve(SUPPRESSIONS));
	}

	@Override
	public void write(List<ActionRecord> actionList, List<StageChange> changeList, List<DeliveryNotice> noticeList,
			List<DeadLetter> letterList) throws IOException {
		for (ActionRecord action : actionList) {
			actions.writeLine(OutputJson.action(line.reset(), action));
		}
		for (StageChange change : changeList) {
			stageChanges.writeLine(OutputJson.stageChange(line.reset(), change));
		}
		for (DeadLetter letter : letterList) {
			deadLetters.writeLine(OutputJson.deadLetter(line.reset(), letter));
		}
		for (DeliveryNotice notice : noticeList) {
			suppressions.writeLine(OutputJson.notice(line.reset(), notice));
		}
	}

	@Override
	public void flush() throws IOException {
		actions.flush();
		stageChanges.flush();
		deadLetters.flush();
		suppressions.flush();
	}

	@Override
	public OutputPositions sync() throws IOException {
		return new OutputPositions(actions.sync(), stageChanges.sync(), deadLetters.sync(), suppressions.sync());
	}

	@Override
	public void restore(OutputPositions positions) throws IOException {
		actions.truncate(positions.actions());
		stageChanges.truncate(positions.stageChanges());
		deadLetters.truncate(positions.deadLetters());
		suppressions.truncate(positions.suppressions());
	}

	@Override
	public void close() throws IOException {
		actions.close();
		stageChanges.close();
		deadLetters.close();
		suppressions.close();
	}
}
