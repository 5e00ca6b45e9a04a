package io.itinera.dsl.ide.server;

import java.io.File;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IFileSystemScanner;

/**
 * Scans a workspace for journeys without descending into version control, package manager or
 * build output folders, which can hold thousands of files and stale copies of journeys, nor into
 * a workspace's settings file.
 */
public class WorkspaceFileScanner extends IFileSystemScanner.JavaIoFileSystemScanner {

	public static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "target");
	/** A workspace's {@code itinera.workspace}: its shared segments are read for the journeys beside it, not built. */
	public static final String WORKSPACE_EXTENSION = "workspace";

	@Override
	public void scan(URI root, IAcceptor<URI> acceptor) {
		if (root.isFile()) {
			super.scan(root, acceptor);
		}
	}

	@Override
	public void scanRec(File file, IAcceptor<URI> acceptor) {
		if (file.isDirectory() ? SKIPPED_FOLDERS.contains(file.getName()) : file.getName().endsWith("." + WORKSPACE_EXTENSION)) {
			return;
		}
		super.scanRec(file, acceptor);
	}
}
