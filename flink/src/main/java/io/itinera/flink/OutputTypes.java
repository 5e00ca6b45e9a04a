package io.itinera.flink;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.OutputJson;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The job's record types as Flink sees them (POJOs: no Kryo) and the output records of each kind. */
final class OutputTypes {
	static final TypeInformation<OutputRecord> OUTPUT = TypeInformation.of(OutputRecord.class);
	static final TypeInformation<EventRecord> EVENT = TypeInformation.of(EventRecord.class);
	static final TypeInformation<NumberedLine> LINE = TypeInformation.of(NumberedLine.class);

	private OutputTypes() {
	}

	static OutputRecord action(ActionRecord action) {
		return new OutputRecord(OutputRecord.ACTION, action.id(), action.at(), OutputJson.action(action));
	}

	static OutputRecord stageChange(StageChange change) {
		return new OutputRecord(OutputRecord.STAGE_CHANGE, change.customerId(), change.at(), OutputJson.stageChange(change));
	}

	/** A message not simply sent (capped, held, released, dropped), as {@code run} writes {@code suppressions.jsonl}. */
	static OutputRecord suppression(DeliveryNotice notice) {
		return new OutputRecord(OutputRecord.SUPPRESSION, notice.customerId(), notice.at(), OutputJson.notice(notice));
	}

	/** A dead letter; {@code at}: when it was found (its event time when known). */
	static OutputRecord deadLetter(DeadLetter letter, long at) {
		return new OutputRecord(OutputRecord.DEAD_LETTER, Long.toString(letter.line()), at, OutputJson.deadLetter(letter));
	}
}
