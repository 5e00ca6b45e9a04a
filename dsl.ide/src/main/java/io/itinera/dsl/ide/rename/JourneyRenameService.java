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
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

/**
 * Renames only to a name that keeps the journey valid, and only in a journey that parses: Xtext
 * rewrites every reference from the syntax tree, which a syntax error leaves with holes. Otherwise
 * answers with an error the editor shows.
 */
public class JourneyRenameService extends RenameService2 {

	@Inject
	private NewNameCheck newNameCheck;

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
