import io.itinera.runtime.scoring.remote.RemoteModelSpec;
import io.itinera.runtime.scoring.remote.RemoteScorer;
import io.itinera.runtime.scoring.remote.RemoteSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Rows per second that the runtime's own remote scorer (RemoteScorer: one HTTP/JSON request per
 * batch, as `run` sends them) gets from an Open Inference Protocol server, at batches of 1, 64 and
 * 1024 rows of the sample intent model's four features (every tenth missing).
 *
 * <pre>java -cp itinera-slim.jar:. RemoteRate URL [SECONDS]</pre>
 */
public final class RemoteRate {
	public static void main(String[] args) throws Exception {
		String url = args[0];
		double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
		RemoteModelSpec spec = new RemoteModelSpec("intent", url, List.of("views7d", "cartValue", "daysIdle", "spend90d"),
				"probability", OptionalInt.of(1), null, null);
		try (RemoteScorer scorer = RemoteScorer.connect(List.of(spec), Path.of("."), RemoteSettings.DEFAULTS, Map.of())) {
			Random random = new Random(5);
			for (int batch : new int[] {1, 64, 1024}) {
				float[][] rows = new float[batch][4];
				for (float[] row : rows) {
					for (int i = 0; i < row.length; i++) {
						row[i] = random.nextInt(10) == 0 ? Float.NaN : random.nextFloat() * 400;
					}
				}
				long warmUntil = System.nanoTime() + (long) (seconds * 0.3e9);
				while (System.nanoTime() < warmUntil) {
					scorer.score("intent", rows);
				}
				long started = System.nanoTime();
				long scored = 0;
				while (System.nanoTime() - started < seconds * 1e9) {
					scored += scorer.score("intent", rows).length;
				}
				double elapsed = (System.nanoTime() - started) / 1e9;
				System.out.printf("batch %5d: %,12.0f rows/s  (%,d requests in %.1f s)%n", batch, scored / elapsed, scored / batch,
						elapsed);
			}
		}
	}
}
