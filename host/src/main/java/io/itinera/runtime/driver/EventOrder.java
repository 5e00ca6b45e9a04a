package io.itinera.runtime.driver;

import io.itinera.runtime.step.Event;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order of one customer's events that does not depend on the order of the log's lines: by
 * time, and events at the same moment by their content (type, then fields by name). Two events
 * equal in all of that give the same results in either order. The driver holds events in this order,
 * and a sorted replay reads them in it.
 */
public final class EventOrder {
	/** Time first, then content; for events of one customer. */
	public static final Comparator<Event> OF_ONE_CUSTOMER = EventOrder::compare;

	private EventOrder() {
	}

	public static int compare(Event a, Event b) {
		int byTime = Long.compare(a.at(), b.at());
		return byTime != 0 ? byTime : compareContent(a, b);
	}

	/** Events of one moment: by type, then by their fields taken in name order. */
	static int compareContent(Event a, Event b) {
		int byType = a.type().compareTo(b.type());
		if (byType != 0 || a.fields().equals(b.fields())) {
			return byType;
		}
		Iterator<Map.Entry<String, Object>> left = new TreeMap<>(a.fields()).entrySet().iterator();
		Iterator<Map.Entry<String, Object>> right = new TreeMap<>(b.fields()).entrySet().iterator();
		while (left.hasNext() && right.hasNext()) {
			Map.Entry<String, Object> x = left.next();
			Map.Entry<String, Object> y = right.next();
			int byName = x.getKey().compareTo(y.getKey());
			if (byName != 0) {
				return byName;
			}
			int byValue = compareValues(x.getValue(), y.getValue());
			if (byValue != 0) {
				return byValue;
			}
		}
		return Boolean.compare(left.hasNext(), right.hasNext());
	}

	private static int compareValues(Object x, Object y) {
		if (x instanceof Number a && y instanceof Number b) {
			int byNumber = Double.compare(a.doubleValue(), b.doubleValue());
			return byNumber != 0 ? byNumber : x.getClass().getName().compareTo(y.getClass().getName());
		}
		if (x instanceof Boolean a && y instanceof Boolean b) {
			return Boolean.compare(a, b);
		}
		int byKind = x.getClass().getName().compareTo(y.getClass().getName());
		return byKind != 0 ? byKind : String.valueOf(x).compareTo(String.valueOf(y));
	}
}
