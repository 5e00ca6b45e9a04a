package io.itinera.dsl.validation;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.RemoteScoring;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.xtext.validation.Check;

/**
 * Checks {@code device remote "URL"}: the address is an http(s) model URL of the Open Inference
 * Protocol (its {@code ${VARIABLE}} parts are filled at run time), and the model is a scoring
 * model (recommenders are scored in process).
 */
public class RemoteModelValidator extends ComposedJourneyCheck {

	@Check
	public void checkRemoteScoring(ModelDecl model) {
		RemoteScoring remote = model.getRemote();
		if (remote == null || remote.getUrl() == null) {
			return;
		}
		if (model.getVocabulary() != null) {
			error("A recommender is scored in this process; remove 'device remote' or use device auto, cpu or gpu",
					JourneyPackage.Literals.MODEL_DECL__REMOTE, JourneyIssueCodes.MODEL_REMOTE);
			return;
		}
		String url = remote.getUrl().replaceAll("\\$\\{[A-Za-z_][A-Za-z0-9_]*}", "x");
		String problem = problem(url);
		if (problem != null) {
			error("'" + remote.getUrl() + "' " + problem + "; write the model's address on the inference server, for example"
					+ " \"http://localhost:8000/v2/models/" + model.getName() + "\"", remote,
					JourneyPackage.Literals.REMOTE_SCORING__URL, JourneyIssueCodes.MODEL_REMOTE);
		}
	}

	private static String problem(String url) {
		URI uri;
		try {
			uri = new URI(url);
		} catch (URISyntaxException e) {
			return "is not a URL (" + e.getReason() + ")";
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
			return "is not an http or https address";
		}
		if (uri.getHost() == null) {
			return "has no host";
		}
		if (uri.getPath() == null || !uri.getPath().matches("/v2/models/[^/]+(/versions/[^/]+)?/?")) {
			return "is not a model's address (/v2/models/NAME, optionally /versions/V)";
		}
		return null;
	}
}
