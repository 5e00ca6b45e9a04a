package io.itinera.runtime.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DataBytes writes exactly what DataOutputStream writes, so stored states and slots read as before. */
class DataBytesTest {
	private interface Writes {
		void to(DataOutput out) throws IOException;
	}

	private static void sameBytes(Writes writes) throws IOException {
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(expected)) {
			writes.to(out);
		}
		DataBytes actual = new DataBytes(1);
		writes.to(actual);
		assertArrayEquals(expected.toByteArray(), actual.toByteArray());
	}

	@Test
	void numbersAndFlagsAsDataOutputStream() throws IOException {
		Random random = new Random(7);
		for (int i = 0; i < 200; i++) {
			long l = random.nextLong();
			double d = random.nextDouble() * 1e9 - 5e8;
			sameBytes(out -> {
				out.writeByte((int) l);
				out.writeShort((int) l);
				out.writeInt((int) l);
				out.writeLong(l);
				out.writeDouble(d);
				out.writeFloat((float) d);
				out.writeBoolean(l % 2 == 0);
				out.writeChar((int) (l >>> 16));
				out.write(new byte[] { 1, 2, (byte) l });
			});
		}
		sameBytes(out -> {
			out.writeLong(Long.MIN_VALUE);
			out.writeLong(Long.MAX_VALUE);
			out.writeDouble(Double.NaN);
			out.writeShort(0xFFFF);
			out.writeBytes("bytes é");
			out.writeChars("chars é");
		});
	}

	@Test
	void textsInModifiedUtf8AsDataOutputStream() throws IOException {
		for (String text : new String[] { "", "cart", "nul\0in", "é and ß", "€ ✓ 日本", "\uD83D\uDE00 surrogates", "\u07FF\u0800\u0080\u007F",
				"x".repeat(70_000 / 3) + "日".repeat(1_000) }) {
			sameBytes(out -> out.writeUTF(text));
		}
		DataBytes out = new DataBytes(8);
		assertThrows(UTFDataFormatException.class, () -> out.writeUTF("日".repeat(30_000)));
	}
}
