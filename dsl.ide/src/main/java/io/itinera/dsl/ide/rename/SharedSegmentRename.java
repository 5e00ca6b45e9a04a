package io.itinera.dsl.ide.rename;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.scoping.SharedSegments;

/**
 * Renames a segment that the folder's {@code itinera.workspace} declares for all its journeys: its line in that
 * file, the shared segments there that name it, and every use in the folder's journeys (open or not). Xtext's
 * own rename knows only built journeys, and the workspace file is none.
 */
public class SharedSegmentRename {
	@Inject
	private UriExtensions uris;

	/** The edits that rename {@code segment} to {@code newName}, or a problem with the name. */
	public WorkspaceEdit edits(SegmentDecl segment, String newName) throws IOException {
		Resource shared = segment.eResource();
		Path workspaceFile = Path.of(shared.getURI().toFileString());
		ResourceSet resourceSet = shared.getResourceSet();
		Map<String, List<TextEdit>> changes = new LinkedHashMap<>();

		String fileText = Files.readString(workspaceFile, StandardCharsets.UTF_8);
		int shift = SharedSegments.offsetShift(shared);
		List<TextEdit> inFile = new ArrayList<>();
		for (INode node : NodeModelUtils.findNodesForFeature(segment, JourneyPackage.Literals.SEGMENT_DECL__NAME)) {
			inFile.add(edit(fileText, node.getOffset() - shift, node.getLength(), newName));
		}
		for (INode node : uses(shared, segment)) {
			inFile.add(edit(fileText, node.getOffset() - shift, node.getLength(), newName));
		}
		changes.put(uris.toUriString(shared.getURI()), inFile);

		for (Resource journey : journeysBeside(workspaceFile, resourceSet)) {
			List<INode> uses = uses(journey, segment);
			if (!uses.isEmpty() && journey instanceof XtextResource parsed && parsed.getParseResult() != null) {
				String text = parsed.getParseResult().getRootNode().getText();
				List<TextEdit> edits = new ArrayList<>();
				for (INode node : uses) {
					edits.add(edit(text, node.getOffset(), node.getLength(), newName));
				}
				changes.put(uris.toUriString(journey.getURI()), edits);
			}
		}
		return new WorkspaceEdit(changes);
	}

	/** A journey of the folder that declares a segment named {@code newName} itself, or null. */
	public String journeyWithOwnSegment(SegmentDecl segment, String newName) throws IOException {
		Path workspaceFile = Path.of(segment.eResource().getURI().toFileString());
		for (Resource journey : journeysBeside(workspaceFile, segment.eResource().getResourceSet())) {
			for (SegmentDecl own : EcoreUtil2.eAllOfType(journey.getContents().get(0), SegmentDecl.class)) {
				if (newName.equals(own.getName())) {
					return Path.of(journey.getURI().toFileString()).getFileName().toString();
				}
			}
		}
		return null;
	}

	/** The references to {@code segment} in {@code resource}: the text of each is the segment's name. */
	private static List<INode> uses(Resource resource, SegmentDecl segment) {
		List<INode> uses = new ArrayList<>();
		for (EObject element : (Iterable<EObject>) resource::getAllContents) {
			for (EReference reference : element.eClass().getEAllReferences()) {
				if (!reference.isContainment() && reference.getEReferenceType() == JourneyPackage.Literals.SEGMENT_DECL
						&& !reference.isMany() && element.eGet(reference) == segment) {
					uses.addAll(NodeModelUtils.findNodesForFeature(element, reference));
				}
			}
		}
		return uses;
	}

	/** The journeys of the workspace file's folder, as the set holds them (an open editor's text), else from disk. */
	private static List<Resource> journeysBeside(Path workspaceFile, ResourceSet resourceSet) throws IOException {
		Path folder = workspaceFile.getParent();
		List<Resource> journeys = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".journey")).sorted().toList()) {
				Resource held = null;
				for (Resource resource : List.copyOf(resourceSet.getResources())) {
					if (resource.getURI() != null && resource.getURI().isFile()
							&& Path.of(resource.getURI().toFileString()).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
						held = resource;
					}
				}
				Resource journey = held != null ? held : resourceSet.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
				if (journey != null && !journey.getContents().isEmpty()) {
					journeys.add(journey);
				}
			}
		}
		return journeys;
	}

	private static TextEdit edit(String text, int offset, int length, String newText) {
		return new TextEdit(new Range(position(text, offset), position(text, offset + length)), newText);
	}

	private static Position position(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}
}
