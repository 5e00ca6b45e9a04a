package io.itinera.dsl.ide.rename;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.ide.server.rename.RenameService2;
import org.eclipse.xtext.ide.server.rename.ServerRefactoringIssueAcceptor;

import com.google.inject.Inject;

/** Renames only to a name that keeps the journey valid; otherwise answers with an error the editor shows. */
public class JourneyRenameService extends RenameService2 {

	@Inject
	private NewNameCheck newNameCheck;

	@Override
	protected void applyModifications(EObject element, WorkspaceEdit workspaceEdit,
			ServerRefactoringIssueAcceptor issueAcceptor, IRenameService2.Options options,
			ILanguageServerAccess.Context context) {
		newNameCheck.problem(element, options.getRenameParams().getNewName()).ifPresent(problem -> {
			throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, problem, null));
		});
		super.applyModifications(element, workspaceEdit, issueAcceptor, options, context);
	}
}
