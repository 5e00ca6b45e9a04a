package io.itinera.dsl.scoping;

import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.runtime.workspace.WorkspaceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

/**
 * The segments a workspace declares once for all its journeys: the {@code segment} lines of the
 * {@code itinera.workspace} beside a journey's file. Their conditions are read with the journey language,
 * in a resource of the journey's resource set whose URI is the workspace file (so go-to-definition and
 * errors point into it): the file's other lines blanked, its segment lines where they are, inside a
 * {@code journey Workspace { … }} that is never compiled. A shared condition names features, attributes
 * and models by name; each journey that uses the segment reads them as its own ({@link #symbolIn}).
 */
public class SharedSegments {
	private static final String HEADER = "journey Workspace {";
	/** Workspace files read that declare no segment, with their stamps: not read again for every reference. */
	private static final Map<Path, String> WITHOUT_SEGMENTS = new java.util.concurrent.ConcurrentHashMap<>();

	@Inject
	private IResourceFactory resourceFactory;

	@Inject
	private org.eclipse.xtext.parser.IParser parser;

	@Inject
	private io.itinera.dsl.services.JourneyGrammarAccess grammar;

	/** The shared segments of the journey's folder; none when it has no workspace file or the journey is no file. */
	public List<SegmentDecl> of(Resource journey) {
		ResourceSet resourceSet = journey == null ? null : journey.getResourceSet();
		Path folder = folderOf(journey);
		if (resourceSet == null || folder == null || isShared(journey)) {
			return List.of();
		}
		synchronized (resourceSet) {
			Resource shared = load(resourceSet, folder.resolve(WorkspaceFile.NAME));
			if (shared == null || shared.getContents().isEmpty() || !(shared.getContents().get(0) instanceof Journey root)) {
				return List.of();
			}
			return EcoreUtil2.typeSelect(root.getElements(), SegmentDecl.class);
		}
	}

	/** The shared segments already read into the journey's resource set (by linking or validating it); none else. */
	public static List<SegmentDecl> readWith(Journey journey) {
		ResourceSet resourceSet = journey.eResource() == null ? null : journey.eResource().getResourceSet();
		if (resourceSet == null) {
			return List.of();
		}
		for (Resource resource : List.copyOf(resourceSet.getResources())) {
			if (isShared(resource) && !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Journey root) {
				return EcoreUtil2.typeSelect(root.getElements(), SegmentDecl.class);
			}
		}
		return List.of();
	}

	/** Whether the element is in a workspace file's shared segments rather than in a journey. */
	public static boolean isShared(EObject element) {
		return element != null && isShared(element.eResource());
	}

	private static boolean isShared(Resource resource) {
		return resource != null && resource.getURI() != null && WorkspaceFile.NAME.equals(resource.getURI().lastSegment());
	}

	/** The journey a shared condition is read for in this resource set: its first journey (a tool loads one per set). */
	public static Journey hostJourney(ResourceSet resourceSet) {
		if (resourceSet == null) {
			return null;
		}
		for (Resource resource : List.copyOf(resourceSet.getResources())) {
			if (!isShared(resource) && !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Journey journey) {
				return journey;
			}
		}
		return null;
	}

	/** The name a reference is written with ({@code spend90d}), whatever it resolved to. */
	public static String writtenName(SymbolRef ref) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(ref, JourneyPackage.Literals.SYMBOL_REF__SYMBOL);
		return nodes.isEmpty() ? null : NodeModelUtils.getTokenText(nodes.get(0));
	}

	/** What a shared condition's reference names in {@code journey}: its declaration of that name, or null. */
	public static Symbol symbolIn(Journey journey, SymbolRef ref) {
		String name = writtenName(ref);
		if (journey == null || name == null) {
			return null;
		}
		for (Symbol symbol : EcoreUtil2.getAllContentsOfType(journey, Symbol.class)) {
			if (name.equals(symbol.getName())) {
				return symbol;
			}
		}
		return null;
	}

	/**
	 * The workspace file's segments the journey names, directly or through other segments, in the file's order:
	 * its plan lists them with its own (each journey counts them over its part of the customer).
	 */
	public static List<SegmentDecl> usedBy(Journey journey) {
		Set<SegmentDecl> used = new HashSet<>();
		for (Map.Entry<SegmentDecl, EObject> use : uses(journey).entrySet()) {
			used.addAll(withTheSegmentsTheyName(use.getKey()));
		}
		List<SegmentDecl> inFileOrder = new java.util.ArrayList<>(used);
		inFileOrder.sort(java.util.Comparator.comparingInt(s -> s.eContainer().eContents().indexOf(s)));
		return inFileOrder;
	}

	/** Each shared segment the journey names itself, with its first element that names it. */
	public static Map<SegmentDecl, EObject> uses(Journey journey) {
		Map<SegmentDecl, EObject> uses = new java.util.LinkedHashMap<>();
		for (EObject element : (Iterable<EObject>) journey::eAllContents) {
			for (EObject target : element.eCrossReferences()) {
				if (target instanceof SegmentDecl segment && !segment.eIsProxy() && isShared(segment)) {
					uses.putIfAbsent(segment, element);
				}
			}
		}
		return uses;
	}

	/** The shared segments {@code segment} names, directly or through each other (itself included). */
	public static Set<SegmentDecl> withTheSegmentsTheyName(SegmentDecl segment) {
		Set<SegmentDecl> all = new HashSet<>();
		collect(segment, all);
		return all;
	}

	private static void collect(SegmentDecl segment, Set<SegmentDecl> into) {
		if (segment == null || segment.eIsProxy() || !into.add(segment) || segment.getCondition() == null) {
			return;
		}
		for (io.itinera.dsl.journey.SegmentRef ref : EcoreUtil2.getAllContentsOfType(segment.getCondition(),
				io.itinera.dsl.journey.SegmentRef.class)) {
			collect(ref.getSegment(), into);
		}
	}

	/** The workspace file's segments as a resource of the set, read again when the file changed; null without segments. */
	private Resource load(ResourceSet resourceSet, Path file) {
		URI uri = URI.createFileURI(file.toString());
		Resource known = resourceSet.getResource(uri, false);
		String stamp = stamp(file);
		if (known != null) {
			Stamp read = (Stamp) EcoreUtil2.getAdapter(known.eAdapters(), Stamp.class);
			if (read != null && read.value.equals(stamp)) {
				return known;
			}
			known.unload();
			resourceSet.getResources().remove(known);
		}
		if (stamp.isEmpty() || stamp.equals(WITHOUT_SEGMENTS.get(file))) {
			return null;
		}
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			List<Integer> segmentLines = WorkspaceFile.segmentLines(file, lines);
			if (segmentLines.isEmpty()) {
				WITHOUT_SEGMENTS.put(file, stamp);
				return null;
			}
			Map<String, String> unread = new java.util.HashMap<>();
			List<String> readable = readable(lines, segmentLines, unread);
			Resource resource = resourceFactory.createResource(uri);
			resourceSet.getResources().add(resource);
			resource.load(new ByteArrayInputStream(text(readable, segmentLines).getBytes(StandardCharsets.UTF_8)),
					Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
			resource.eAdapters().add(new Stamp(stamp, headerPrepended(lines, segmentLines) ? HEADER.length() : 0, unread));
			return resource;
		} catch (IOException | RuntimeException e) {
			return null; // a workspace file that does not read is reported where it is checked (check DIR, run DIR)
		}
	}

	/**
	 * The lines with each segment line that does not read alone replaced by {@code segment NAME = true} (padded to
	 * its length; blanked when that is longer), so that its error does not spill into the next segment; what was
	 * wrong goes to {@code unread} by name, for the journeys naming it to report ({@link #problemOf}).
	 */
	private List<String> readable(List<String> lines, List<Integer> segmentLines, Map<String, String> unread) {
		List<String> readable = new java.util.ArrayList<>(lines);
		for (int n : segmentLines) {
			String line = lines.get(n - 1);
			String kept = WorkspaceFile.withoutComment(line);
			org.eclipse.xtext.parser.IParseResult parsed = parser.parse(grammar.getSegmentDeclRule(), new java.io.StringReader(kept));
			if (!parsed.hasSyntaxErrors()) {
				continue;
			}
			java.util.regex.Matcher name = java.util.regex.Pattern.compile("segment\\s+(\\S+)").matcher(kept);
			String problem = parsed.getSyntaxErrors().iterator().next().getSyntaxErrorMessage().getMessage();
			if (name.lookingAt()) {
				unread.put(name.group(1), problem);
				String placeholder = "segment " + name.group(1) + " = true";
				int start = line.indexOf(kept);
				readable.set(n - 1, placeholder.length() <= line.length() - start
						? " ".repeat(start) + placeholder + " ".repeat(line.length() - start - placeholder.length())
						: " ".repeat(line.length()));
			} else {
				readable.set(n - 1, " ".repeat(line.length()));
			}
		}
		return readable;
	}

	/** Why a shared segment's line does not read (it then stands for nothing), or null when it reads. */
	public static String problemOf(SegmentDecl shared) {
		Stamp read = shared.eResource() == null ? null : (Stamp) EcoreUtil2.getAdapter(shared.eResource().eAdapters(), Stamp.class);
		return read == null ? null : read.unread.get(shared.getName());
	}

	/**
	 * The file's segment lines at their lines and columns, everything else blanked, in a journey: the header
	 * takes the first line's place when that line is blank enough, else it goes before it (shifting line 1 only).
	 */
	static String text(List<String> lines, List<Integer> segmentLines) {
		StringBuilder text = new StringBuilder();
		for (int n = 1; n <= lines.size(); n++) {
			String line = lines.get(n - 1);
			if (segmentLines.contains(n)) {
				String kept = WorkspaceFile.withoutComment(line);
				int start = line.indexOf(kept);
				text.append(" ".repeat(start)).append(kept).append(" ".repeat(line.length() - start - kept.length()));
			} else {
				text.append(" ".repeat(line.length()));
			}
			text.append('\n');
		}
		if (headerPrepended(lines, segmentLines)) {
			text.insert(0, HEADER);
		} else {
			text.replace(0, HEADER.length(), HEADER);
		}
		return text.append('}').toString();
	}

	private static boolean headerPrepended(List<String> lines, List<Integer> segmentLines) {
		return segmentLines.contains(1) || lines.isEmpty() || lines.get(0).length() < HEADER.length();
	}

	/**
	 * How far an offset in the shared segments' resource is from the same place in the workspace file: the
	 * header's length when it went before the first line (then only that line's columns differ), else 0.
	 */
	public static int offsetShift(Resource shared) {
		Stamp read = shared == null ? null : (Stamp) EcoreUtil2.getAdapter(shared.eAdapters(), Stamp.class);
		return read == null ? 0 : read.shift;
	}

	private static String stamp(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file) : "";
		} catch (IOException e) {
			return "";
		}
	}

	private static Path folderOf(Resource resource) {
		URI uri = resource == null ? null : resource.getURI();
		if (uri == null || !uri.isFile()) {
			return null;
		}
		try {
			return Path.of(uri.toFileString()).toAbsolutePath().getParent();
		} catch (InvalidPathException e) {
			return null;
		}
	}

	/** When the workspace file was read: its modification time and size. */
	private static final class Stamp extends AdapterImpl {
		private final String value;
		private final int shift;
		private final Map<String, String> unread;

		Stamp(String value, int shift, Map<String, String> unread) {
			this.value = value;
			this.shift = shift;
			this.unread = unread;
		}

		@Override
		public boolean isAdapterForType(Object type) {
			return type == Stamp.class;
		}
	}
}
