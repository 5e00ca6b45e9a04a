package io.itinera.runtime.scoring;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs in a child JVM started by {@link NoNetworkTest}, with no DJL switches in its environment
 * or properties. Every {@link Socket} the JVM opens, including those under HttpURLConnection
 * (which DJL uses to call home, with {@code Proxy.NO_PROXY}), is made by the factory installed
 * here: each connect is recorded when it aims beyond loopback and refused, so nothing leaves
 * the machine. Prints one {@code ATTEMPT host:port} line per recorded connect, then {@code DONE}.
 *
 * <p>Arguments: {@code itinera MODEL_FILE} scores through {@link OnnxScorer};
 * {@code bare-djl} starts DJL's engine without Itinera's switches (the control run).
 */
public final class NetworkProbe {
	private static final Queue<String> ATTEMPTS = new ConcurrentLinkedQueue<>();

	@SuppressWarnings("deprecation")
	public static void main(String[] args) throws Exception {
		Socket.setSocketImplFactory(RefusingSocket::new);
		if (args[0].equals("itinera")) {
			Path model = Path.of(args[1]);
			ModelSpec spec = ModelSpec.of("intent", model.getFileName(), List.of("a", "b", "c"), "output", 1);
			try (OnnxScorer scorer = OnnxScorer.forModels(Map.of("intent", spec), model.getParent(),
					ScorerOptions.defaults())) {
				System.out.println("SCORES " + scorer.score("intent", new float[64][3]).length);
			}
		} else {
			System.out.println("ENGINE " + Engine.getEngine("OnnxRuntime").getEngineName());
		}
		ATTEMPTS.forEach(target -> System.out.println("ATTEMPT " + target));
		System.out.println("DONE");
	}

	/** A socket that records where it was asked to connect and refuses. */
	private static final class RefusingSocket extends SocketImpl {
		@Override
		protected void connect(String host, int port) throws IOException {
			refuse(new InetSocketAddress(host, port));
		}

		@Override
		protected void connect(InetAddress address, int port) throws IOException {
			refuse(new InetSocketAddress(address, port));
		}

		@Override
		protected void connect(SocketAddress address, int timeout) throws IOException {
			refuse((InetSocketAddress) address);
		}

		private static void refuse(InetSocketAddress target) throws IOException {
			InetAddress address = target.getAddress();
			if (address == null || !address.isLoopbackAddress()) {
				ATTEMPTS.add(target.getHostString() + ":" + target.getPort());
			}
			throw new ConnectException("refused by the network probe: " + target);
		}

		@Override
		protected void create(boolean stream) {
		}

		@Override
		protected void bind(InetAddress host, int port) throws IOException {
			throw new IOException("the network probe allows no sockets");
		}

		@Override
		protected void listen(int backlog) throws IOException {
			throw new IOException("the network probe allows no sockets");
		}

		@Override
		protected void accept(SocketImpl socket) throws IOException {
			throw new IOException("the network probe allows no sockets");
		}

		@Override
		protected InputStream getInputStream() throws IOException {
			throw new IOException("not connected");
		}

		@Override
		protected OutputStream getOutputStream() throws IOException {
			throw new IOException("not connected");
		}

		@Override
		protected int available() {
			return 0;
		}

		@Override
		protected void close() {
		}

		@Override
		protected void sendUrgentData(int data) throws IOException {
			throw new IOException("not connected");
		}

		@Override
		public void setOption(int optionId, Object value) {
		}

		@Override
		public Object getOption(int optionId) {
			return null;
		}
	}
}
