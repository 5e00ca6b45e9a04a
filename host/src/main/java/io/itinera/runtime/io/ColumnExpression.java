package io.itinera.runtime.io;

import io.itinera.runtime.text.Shown;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic over a line's columns, as {@code --map field.amount=Quantity*UnitPrice} writes it:
 * {@code + - * /}, parentheses, numbers and column names ({@code `Basket Price`} in backquotes for
 * a name with other characters than letters, digits, {@code _} and {@code .}). A name that is not
 * a column of the log may be a journey field the mapping renames ({@code field.quantity=Quantity}).
 */
final class ColumnExpression {
	private final Node root;
	private final String written;

	private ColumnExpression(Node root, String written) {
		this.root = root;
		this.written = written;
	}

	/** @throws IllegalArgumentException saying where {@code text} is not an expression */
	static ColumnExpression parse(String text) {
		Parser parser = new Parser(text);
		Node node = parser.sum();
		parser.skipSpaces();
		if (parser.at < text.length()) {
			throw parser.error("unexpected '" + text.charAt(parser.at) + "'");
		}
		return new ColumnExpression(node, text);
	}

	/** Whether {@code text} reads as more than one column name: it has an operator or a parenthesis. */
	static boolean looksComputed(String text) {
		for (int i = 0; i < text.length(); i++) {
			if ("+*/()".indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** The value on this line; null when a column it reads is empty or absent. */
	Double value(Row row) throws BadLineException {
		return root.value(row, this);
	}

	/** The column names it reads. */
	List<String> names() {
		List<String> names = new ArrayList<>();
		root.collectNames(names);
		return names;
	}

	/** The single column it is, or null when it computes something. */
	String singleColumn() {
		return root instanceof Name name ? name.column : null;
	}

	@Override
	public String toString() {
		return written;
	}

	private sealed interface Node permits Number, Name, Negated, Binary {
		Double value(Row row, ColumnExpression in) throws BadLineException;

		default void collectNames(List<String> names) {
		}
	}

	private record Number(double value) implements Node {
		@Override
		public Double value(Row row, ColumnExpression in) {
			return value;
		}
	}

	private record Name(String column) implements Node {
		@Override
		public Double value(Row row, ColumnExpression in) throws BadLineException {
			String text = row.text(column);
			if (text == null || text.isBlank()) {
				return null;
			}
			try {
				return EventSchema.decimal(text.trim());
			} catch (NumberFormatException e) {
				throw new BadLineException("column " + Shown.cut(column, Shown.CELL) + ": " + Shown.quoted(text)
						+ " is not a number (read by " + Shown.cut(in.written, Shown.CELL) + ")");
			}
		}

		@Override
		public void collectNames(List<String> names) {
			names.add(column);
		}
	}

	private record Negated(Node operand) implements Node {
		@Override
		public Double value(Row row, ColumnExpression in) throws BadLineException {
			Double value = operand.value(row, in);
			return value == null ? null : -value;
		}

		@Override
		public void collectNames(List<String> names) {
			operand.collectNames(names);
		}
	}

	private record Binary(char operator, Node left, Node right) implements Node {
		@Override
		public Double value(Row row, ColumnExpression in) throws BadLineException {
			Double a = left.value(row, in);
			Double b = right.value(row, in);
			if (a == null || b == null) {
				return null;
			}
			double result = switch (operator) {
			case '+' -> a + b;
			case '-' -> a - b;
			case '*' -> a * b;
			default -> {
				if (b == 0) {
					throw new BadLineException("division by zero in " + Shown.cut(in.written, Shown.CELL));
				}
				yield a / b;
			}
			};
			if (Double.isInfinite(result) || Double.isNaN(result)) {
				throw new BadLineException(Shown.cut(in.written, Shown.CELL) + " is too large on this line");
			}
			return result;
		}

		@Override
		public void collectNames(List<String> names) {
			left.collectNames(names);
			right.collectNames(names);
		}
	}

	/** Recursive descent: sum := product (('+'|'-') product)*, product := unary (('*'|'/') unary)*. */
	private static final class Parser {
		private final String text;
		private int at;

		Parser(String text) {
			this.text = text;
		}

		Node sum() {
			Node node = product();
			while (true) {
				skipSpaces();
				if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
					char operator = text.charAt(at++);
					node = new Binary(operator, node, product());
				} else {
					return node;
				}
			}
		}

		Node product() {
			Node node = unary();
			while (true) {
				skipSpaces();
				if (at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '/')) {
					char operator = text.charAt(at++);
					node = new Binary(operator, node, unary());
				} else {
					return node;
				}
			}
		}

		Node unary() {
			skipSpaces();
			if (at >= text.length()) {
				throw error("a column name or a number is missing at the end");
			}
			char c = text.charAt(at);
			if (c == '-') {
				at++;
				return new Negated(unary());
			}
			if (c == '(') {
				at++;
				Node inner = sum();
				skipSpaces();
				if (at >= text.length() || text.charAt(at) != ')') {
					throw error("a ')' is missing");
				}
				at++;
				return inner;
			}
			if (c == '`') {
				int end = text.indexOf('`', at + 1);
				if (end < 0 || end == at + 1) {
					throw error("a backquoted column name is not closed");
				}
				String name = text.substring(at + 1, end);
				at = end + 1;
				return new Name(name);
			}
			if (Character.isDigit(c) || c == '.') {
				int from = at;
				while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
					at++;
				}
				try {
					return new Number(EventSchema.decimal(text.substring(from, at)));
				} catch (NumberFormatException e) {
					throw error("'" + text.substring(from, at) + "' is not a number");
				}
			}
			if (Character.isLetter(c) || c == '_') {
				int from = at;
				while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
						|| text.charAt(at) == '.')) {
					at++;
				}
				return new Name(text.substring(from, at));
			}
			throw error("unexpected '" + c + "'");
		}

		void skipSpaces() {
			while (at < text.length() && text.charAt(at) == ' ') {
				at++;
			}
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException("'" + text + "' is not an expression (" + what + " at character " + (at + 1)
					+ "); write column names, numbers, + - * / and parentheses, e.g. Quantity*UnitPrice");
		}
	}
}
