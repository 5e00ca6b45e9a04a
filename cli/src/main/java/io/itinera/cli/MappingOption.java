package io.itinera.cli;

import io.itinera.runtime.io.ColumnMapping;
import picocli.CommandLine.Option;

/** {@code --map SPEC}: where the events keep what, the same for a file, a topic, HTTP and a Flink job. */
final class MappingOption {
	@Option(names = "--map", paramLabel = "SPEC", description = "where the events keep what, for example "
			+ "customer=user_id,time=ts:epoch-seconds,type=behavior_type,type.pv=product_view,type.fav=-,"
			+ "field.price=item_price,zone=Europe/Paris,unknown=skip; event=NAME for a log of one kind of event without a "
			+ "type column (see docs/events.md)")
	String spec;

	/** @throws IllegalArgumentException naming the entry that is wrong */
	ColumnMapping columnMapping() {
		return ColumnMapping.parse(spec);
	}
}
