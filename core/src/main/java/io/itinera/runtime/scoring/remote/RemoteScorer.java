package io.itinera.runtime.scoring.remote;

import io.itinera.runtime.scoring.ModelBinding;
import io.itinera.runtime.scoring.ModelFileException;
import io.itinera.runtime.scoring.ModelLoadException;
import io.itinera.runtime.scoring.OnnxModelInspector;
import io.itinera.runtime.scoring.OnnxSignature;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.scoring.SignatureMismatchException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores models on an inference server over the Open Inference Protocol. Each batch the driver
 * gathers is one request; a failed request is tried again {@code attempts} times with a growing
 * pause, and a batch that still fails counts against the model's circuit breaker. While the server
 * cannot answer, a model with a fallback score gives that score to the batch (counted), and one
 * without holds its customers: the call waits and tries again until the server answers, so no
 * decision is ever made on a score the model did not give.
 */
public final class RemoteScorer implements Scorer {
	private static final Logger LOG = LoggerFactory.getLogger(RemoteScorer.class);

	private final Map<String, RemoteModel> models;
	private final RemoteSettings settings;
	private final AtomicLong fallbackRows = new AtomicLong();

	private RemoteScorer(Map<String, RemoteModel> models, RemoteSettings settings) {
		this.models = models;
		this.settings = settings;
	}

	/**
	 * Reads each model's signature from its server (or, while the server is down, from its ONNX
	 * file beside the journey) and binds the declaration to it by the rules a file must follow.
	 *
	 * @throws ModelLoadException when the server describes a model the declaration does not fit, or
	 *                            neither the server nor the file can say what the model takes
	 */
	public static RemoteScorer connect(List<RemoteModelSpec> specs, Path journeyDirectory, RemoteSettings settings,
			Map<String, String> environment) throws ModelLoadException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1)
				.build();
		Map<String, RemoteModel> models = new LinkedHashMap<>();
		for (RemoteModelSpec spec : specs) {
			String url;
			try {
				url = spec.resolvedUrl(environment);
				URI.create(url).toURL();
			} catch (IllegalArgumentException | java.net.MalformedURLException e) {
				throw new ModelLoadException(e.getMessage().startsWith("model ") ? e.getMessage()
						: "model " + spec.name() + ": " + spec.url() + " is not a URL (" + e.getMessage() + ")", e);
			}
			InferenceClient client = new InferenceClient(URI.create(url), settings, http);
			ModelBinding binding = bind(spec, client, journeyDirectory);
			models.put(spec.name(), new RemoteModel(spec, client, binding,
					new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor())));
		}
		return new RemoteScorer(models, settings);
	}

	private static ModelBinding bind(RemoteModelSpec spec, InferenceClient client, Path journeyDirectory)
			throws ModelLoadException {
		OnnxSignature signature;
		String source;
		try {
			signature = client.metadata();
			source = "the inference server at " + client.address();
		} catch (RemoteScoringException serverDown) {
			Path file = spec.file() == null ? null : journeyDirectory.resolve(spec.file()).normalize();
			if (file == null || !Files.isRegularFile(file)) {
				throw new ModelLoadException("model " + spec.name() + ": the inference server at " + client.address()
						+ " does not describe the model (" + serverDown.getMessage() + ") and its ONNX file is not here to say what it"
						+ " takes; start the server, or put the file beside the journey", serverDown);
			}
			try {
				signature = OnnxModelInspector.shared().inspect(file);
			} catch (ModelFileException e) {
				throw new ModelLoadException("model " + spec.name() + ": " + e.getMessage(), e);
			}
			source = "its file " + file + " (the server at " + client.address() + " does not answer yet: "
					+ serverDown.getMessage() + ")";
			LOG.warn("model {}: bound to {}", spec.name(), source);
		}
		try {
			return ModelBinding.bind(signature, spec.inputs(), spec.output(), spec.column());
		} catch (SignatureMismatchException e) {
			throw new ModelLoadException("model " + spec.name() + " as declared does not fit " + source + ": "
					+ e.getMessage(), e);
		}
	}

	@Override
	public float[] score(String model, float[][] rows) {
		RemoteModel remote = models.get(model);
		if (remote == null) {
			throw new IllegalArgumentException("model " + model + " is not scored remotely");
		}
		if (rows.length == 0) {
			return new float[0];
		}
		int heldFor = 0;
		while (true) {
			RemoteScoringException failure;
			if (remote.breaker().allows(System.nanoTime())) {
				Answer answer = tryBatch(remote, rows);
				if (answer.scores() != null) {
					return answer.scores();
				}
				failure = answer.failure();
				if (remote.breaker().failed(System.nanoTime())) {
					LOG.warn("model {}: the inference server at {} failed ({}); {} until it answers", model, remote.client().address(),
							failure.getMessage(), remote.spec().fallbackScore() == null ? "holding its customers"
									: "scoring " + remote.spec().fallbackScore());
				}
				if (!failure.retryable() && remote.spec().fallbackScore() == null) {
					throw new IllegalStateException("model " + model + ": the inference server at " + remote.client().address()
							+ " refused the batch: " + failure.getMessage());
				}
			}
			if (remote.spec().fallbackScore() != null) {
				fallbackRows.addAndGet(rows.length);
				float[] scores = new float[rows.length];
				Arrays.fill(scores, remote.spec().fallbackScore().floatValue());
				return scores;
			}
			pause(settings.backoff(++heldFor));
		}
	}

	/** A batch's scores, or why the server gave none. */
	private record Answer(float[] scores, RemoteScoringException failure) {
	}

	/** Up to {@code attempts} tries of one batch. */
	private Answer tryBatch(RemoteModel remote, float[][] rows) {
		RemoteScoringException last = null;
		for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
			try {
				float[] scores = remote.client().infer(remote.binding(), rows);
				remote.breaker().succeeded();
				return new Answer(scores, null);
			} catch (RemoteScoringException e) {
				last = e;
				if (!e.retryable()) {
					break;
				}
				if (attempt < settings.attempts()) {
					pause(settings.backoff(attempt));
				}
			}
		}
		return new Answer(null, last);
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the inference server", e);
		}
	}

	/** Rows given the fallback score because the server could not answer. */
	public long fallbackRows() {
		return fallbackRows.get();
	}

	public boolean scores(String model) {
		return models.containsKey(model);
	}

	@Override
	public String device(String model) {
		RemoteModel remote = models.get(model);
		return remote == null ? "remote" : "remote " + remote.client().address();
	}

	private record RemoteModel(RemoteModelSpec spec, InferenceClient client, ModelBinding binding, CircuitBreaker breaker) {
	}
}
