package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.scoring.Recommendation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version 2 added recommendations; states written by version 1 still read, newer ones are refused. */
class CustomerStateVersionTest {
	@Test
	void aVersionOneStateReadsAsHavingNoRecommendations() {
		byte[] current = CustomerState.initial("c1").toBytes();
		assertEquals(2, current[0]);
		// version 1 wrote the same fields without the recommendations count (index 14 for this state)
		byte[] versionOne = new byte[current.length - 1];
		System.arraycopy(current, 0, versionOne, 0, 14);
		System.arraycopy(current, 15, versionOne, 14, current.length - 15);
		versionOne[0] = 1;
		CustomerState read = CustomerState.fromBytes(versionOne);
		assertEquals("c1", read.customerId());
		assertNull(read.recommendation(0));
		assertEquals(CustomerState.initial("c1"), read);
	}

	@Test
	void recommendationsRoundTrip() {
		CustomerState state = CustomerState.initial("c2");
		state.recommendations = new Recommendation[] {null, new Recommendation(List.of("a", "b"), new float[] {0.5f, 0.25f})};
		state.scores = new double[] {Double.NaN, 0.5};
		CustomerState read = CustomerState.fromBytes(state.toBytes());
		assertEquals(state, read);
		assertEquals(List.of("a", "b"), read.recommendation(1).items());
	}

	@Test
	void aNewerVersionIsRefusedWithAMessage() {
		byte[] bytes = CustomerState.initial("c3").toBytes();
		bytes[0] = 4;
		IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CustomerState.fromBytes(bytes));
		assertTrue(refused.getMessage().contains("customer state version 4 is not supported (this itinera reads 1 to 3)"),
				refused.getMessage());
	}

	@Test
	void aWorkspaceCustomerIsOneRecordOfEveryJourneysStateAndTheWorkspacesOwn() {
		CustomerState cart = CustomerState.initial("c4");
		cart.stage = "Carted";
		cart.inJourney = true;
		cart.putExtension("itinera.sent", new byte[] {0, 1, 2});
		CustomerState loyalty = CustomerState.initial("c4");
		loyalty.visits = 2;
		WorkspaceState composite = WorkspaceState.of("c4", new String[] {"CartRescue", "Loyalty"},
				new CustomerState[] {cart, loyalty});
		composite.putExtension("itinera.workspace.sent", new byte[] {9});
		byte[] bytes = composite.toBytes();
		assertEquals(3, bytes[0], "the composite form's version");
		WorkspaceState read = (WorkspaceState) CustomerState.fromBytes(bytes);
		assertEquals(composite, read);
		assertEquals(List.of("CartRescue", "Loyalty"), read.partNames());
		assertEquals("Carted", read.part("CartRescue").stage());
		assertEquals(2, read.part("Loyalty").visits());
		assertEquals(2, CustomerState.fromBytes(cart.toBytes()).toBytes()[0], "one journey's own state keeps version 2");
		assertTrue(!(read.part("CartRescue") instanceof WorkspaceState));
		assertEquals(cart, read.part("CartRescue"));
		assertTrue(!composite.equals(cart) && !cart.equals(composite), "a workspace state is never a journey's own state");
	}
}
