package io.itinera.dsl.ide.rename;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.ide.server.rename.RenameService2;
import org.eclipse.xtext.ide.server.rename.ServerRefactoringIssueAcceptor;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.scoping.SharedSegments;

import com.google.inject.Inject;

/**
 * Renames only to a name that keeps the journey valid, and only in a journey that parses: Xtext
 * rewrites every reference from the syntax tree, which a syntax error leaves with holes. Otherwise
 * answers with an error the editor shows.
 */
public class JourneyRenameService extends RenameService2 {

	@Inject
	private NewNameCheck newNameCheck;

	@Inject
	private SharedSegmentRename sharedSegmentRename;

	@Inject
	private EObjectAtOffsetHelper elementAtOffset;

	/** A segment of the folder's itinera.workspace is renamed there and in every journey beside it; anything else as Xtext does. */
	@Override
	public WorkspaceEdit rename(IRenameService2.Options options) {
		String uri = options.getRenameParams().getTextDocument().getUri();
		WorkspaceEdit shared = options.getLanguageServerAccess().doSyncRead(uri, context -> {
			if (!(context.getResource() instanceof XtextResource resource) || context.getDocument() == null) {
				return null;
			}
			int offset = context.getDocument().getOffSet(options.getRenameParams().getPosition());
			EObject element = elementAtOffset.resolveElementAt(resource, offset);
			if (!(element instanceof SegmentDecl segment) || !SharedSegments.isShared(segment)) {
				return null;
			}
			String newName = options.getRenameParams().getNewName();
			newNameCheck.problem(segment, newName).ifPresent(SharedSegmentRenameProblem::refuse);
			try {
				String journey = sharedSegmentRename.journeyWithOwnSegment(segment, newName);
				if (journey != null) {
					SharedSegmentRenameProblem.refuse("The journey " + journey + " already has a segment named '" + newName
							+ "'. Choose a name no journey of the folder uses.");
				}
				return sharedSegmentRename.edits(segment, newName);
			} catch (java.io.IOException e) {
				SharedSegmentRenameProblem.refuse("Cannot read " + e.getMessage() + "; rename it by hand.");
				return null;
			}
		});
		return shared != null ? shared : super.rename(options);
	}

	private static final class SharedSegmentRenameProblem {
		static void refuse(String problem) {
			throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, problem, null));
		}
	}

	@Override
	protected void applyModifications(EObject element, WorkspaceEdit workspaceEdit,
			ServerRefactoringIssueAcceptor issueAcceptor, IRenameService2.Options options,
			ILanguageServerAccess.Context context) {
		refuseWithSyntaxErrors(context.getResource());
		newNameCheck.problem(element, options.getRenameParams().getNewName()).ifPresent(problem -> {
			throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, problem, null));
		});
		super.applyModifications(element, workspaceEdit, issueAcceptor, options, context);
	}

	private static void refuseWithSyntaxErrors(Resource journey) {
		if (!(journey instanceof XtextResource parsed) || parsed.getParseResult() == null) {
			return;
		}
		for (INode error : parsed.getParseResult().getSyntaxErrors()) {
			throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
					"Fix the syntax error on line " + error.getStartLine() + " first ("
							+ error.getSyntaxErrorMessage().getMessage() + "), then rename.", null));
		}
	}
}
