package io.itinera.runtime.io;

/**
 * One {@code --map where=…} condition: a line that does not meet it is skipped (counted with the
 * lines the mapping skips, never a dead letter). Forms:
 * <ul>
 * <li>{@code EXPR OP EXPR} with {@code > >= < <= == !=}: numbers ({@code Quantity>0},
 * {@code Quantity*UnitPrice>=1});</li>
 * <li>{@code COLUMN == 'text'}, {@code COLUMN != 'text'}: text, quoted with ' or ";</li>
 * <li>{@code COLUMN startswith 'C'}, {@code COLUMN not startswith 'C'}.</li>
 * </ul>
 * A line on which a column the condition reads is empty does not meet it.
 */
final class RowCondition {
	private static final String[] OPERATORS = { ">=", "<=", "==", "!=", ">", "<" };

	private final String written;
	private final ColumnExpression left;
	private final String operator;
	private final ColumnExpression right;
	private final String text;

	private RowCondition(String written, ColumnExpression left, String operator, ColumnExpression right, String text) {
		this.written = written;
		this.left = left;
		this.operator = operator;
		this.right = right;
		this.text = text;
	}

	/** @throws IllegalArgumentException saying what is wrong and what is expected */
	static RowCondition parse(String written) {
		String condition = written.trim();
		for (String words : new String[] { " not startswith ", " startswith " }) {
			int at = condition.indexOf(words);
			if (at > 0) {
				ColumnExpression column = column(condition.substring(0, at), written);
				return new RowCondition(written, column, words.trim(), null, literal(condition.substring(at + words.length()), written));
			}
		}
		for (String operator : OPERATORS) {
			int at = operatorIndex(condition, operator);
			if (at > 0) {
				String leftText = condition.substring(0, at).trim();
				String rightText = condition.substring(at + operator.length()).trim();
				if (isQuoted(rightText)) {
					if (!operator.equals("==") && !operator.equals("!=")) {
						throw refusal(written, "text is compared with == or != only");
					}
					return new RowCondition(written, column(leftText, written), operator, null, literal(rightText, written));
				}
				try {
					return new RowCondition(written, ColumnExpression.parse(leftText), operator, ColumnExpression.parse(rightText), null);
				} catch (IllegalArgumentException e) {
					throw refusal(written, e.getMessage());
				}
			}
		}
		throw refusal(written, "no comparison found");
	}

	/** Whether the line meets the condition. */
	boolean holds(Row row) throws BadLineException {
		if (text != null) {
			String value = row.text(left.singleColumn());
			if (value == null) {
				return false;
			}
			value = value.trim();
			return switch (operator) {
			case "startswith" -> value.startsWith(text);
			case "not startswith" -> !value.startsWith(text);
			case "==" -> value.equals(text);
			default -> !value.equals(text);
			};
		}
		Double a = left.value(row);
		Double b = right.value(row);
		if (a == null || b == null) {
			return false;
		}
		int order = Double.compare(a, b);
		return switch (operator) {
		case ">=" -> order >= 0;
		case "<=" -> order <= 0;
		case "==" -> a.doubleValue() == b.doubleValue();
		case "!=" -> a.doubleValue() != b.doubleValue();
		case ">" -> order > 0;
		default -> order < 0;
		};
	}

	/** The column names it reads. */
	java.util.List<String> names() {
		java.util.List<String> names = new java.util.ArrayList<>(left.names());
		if (right != null) {
			names.addAll(right.names());
		}
		return names;
	}

	@Override
	public String toString() {
		return written;
	}

	/** Where {@code operator} is, outside quotes and not part of a longer operator; -1 when absent. */
	private static int operatorIndex(String condition, String operator) {
		char quote = 0;
		for (int i = 0; i + operator.length() <= condition.length(); i++) {
			char c = condition.charAt(i);
			if (quote != 0) {
				quote = c == quote ? 0 : quote;
			} else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
			} else if (condition.startsWith(operator, i)) {
				return i;
			}
		}
		return -1;
	}

	private static ColumnExpression column(String text, String written) {
		ColumnExpression column;
		try {
			column = ColumnExpression.parse(text.trim());
		} catch (IllegalArgumentException e) {
			throw refusal(written, e.getMessage());
		}
		if (column.singleColumn() == null) {
			throw refusal(written, "text is compared with a column, not with " + text.trim());
		}
		return column;
	}

	private static boolean isQuoted(String text) {
		return text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"') && text.charAt(text.length() - 1) == text.charAt(0);
	}

	private static String literal(String text, String written) {
		String trimmed = text.trim();
		if (!isQuoted(trimmed)) {
			throw refusal(written, "quote the text: " + trimmed + " as '" + trimmed + "'");
		}
		return trimmed.substring(1, trimmed.length() - 1);
	}

	private static IllegalArgumentException refusal(String written, String why) {
		return new IllegalArgumentException("mapping where=" + written + ": " + why + ". Write e.g. where=Quantity>0, "
				+ "where=Country=='United Kingdom' or where=InvoiceNo not startswith 'C'");
	}
}
