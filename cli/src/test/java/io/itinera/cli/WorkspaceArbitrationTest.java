package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journeys of a workspace competing for one customer, compiled from .journey text with their real
 * Drools rules, through the workspace's step function: priority, ties, conflicts held or dropped,
 * shared quiet hours released once, and the composite state surviving its own bytes.
 */
class WorkspaceArbitrationTest {
	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;
	static final long NOON = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
	static final Cap ONE_EMAIL_A_DAY = new Cap(1, DAY, Channel.EMAIL, SourceLocation.UNKNOWN);

	@TempDir
	Path dir;

	/** A journey that sends an email to everyone who signs up, at once. */
	private static String journey(String name, String priority, String template) {
		return "journey " + name + " {\n" + (priority.isEmpty() ? "" : "  " + priority + "\n")
				+ "  entry on signup\n"
				+ "  event signup { }\n"
				+ "  stage Welcomed { on goodbye -> Gone }\n"
				+ "  stage Gone { }\n"
				+ "  event goodbye { }\n"
				+ "  event ping { }\n"
				+ "  campaign Hello in Welcomed {\n"
				+ "    rule \"Say hello\" otherwise then send email \"" + template + "\"\n"
				+ "  }\n"
				+ "}\n";
	}

	private WorkspaceStep workspace(WorkspaceSettings settings, String... journeys) throws IOException {
		List<JourneyPlan> plans = new ArrayList<>();
		StringWriter errors = new StringWriter();
		for (int i = 0; i < journeys.length; i++) {
			Path file = Files.writeString(dir.resolve("j" + i + ".journey"), journeys[i]);
			JourneyPlan plan = JourneyPlans.load(file, new PrintWriter(errors, true));
			assertNotNull(plan, errors.toString());
			plans.add(plan);
		}
		return RuntimeAssembly.workspace(plans, plan -> dir.resolve(plan.name() + ".journey"), settings, AssemblyOptions.DEFAULT)
				.newStep();
	}

	private static WorkspaceSettings caps(Cap... caps) {
		return new WorkspaceSettings(List.of(caps), null, ZoneId.of("UTC"));
	}

	private static Event signup(long at) {
		return new Event("c1", at, "signup", Map.of());
	}

	private static DeliveryNotice only(List<DeliveryNotice> notices) {
		assertEquals(1, notices.size(), notices.toString());
		return notices.get(0);
	}

	@Test
	void underASharedCapOfOneTheHigherPrioritySendsAndTheOtherIsSuppressedWithTheReason() throws IOException {
		WorkspaceStep step = workspace(caps(ONE_EMAIL_A_DAY), journey("Newsletter", "priority 1", "news"),
				journey("Onboarding", "priority 9", "welcome"));
		assertEquals(List.of("Onboarding", "Newsletter"), step.journeyNames());
		CustomerState state = step.initialState("c1");
		StepResult result = step.applyInPlace(state, signup(NOON));
		assertEquals(1, result.actions().size(), result.actions().toString());
		ActionRecord sent = result.actions().get(0);
		assertEquals("Onboarding", sent.journey());
		assertEquals("welcome", sent.target());
		DeliveryNotice lost = only(result.deliveryNotices());
		assertEquals(DeliveryOutcome.LOST_TO_PRIORITY, lost.outcome());
		assertEquals("Newsletter", lost.journey());
		assertEquals("news", lost.target());
		assertEquals("Onboarding", lost.lostToJourney());
		assertEquals("Say hello", lost.lostToRule());
		assertEquals("workspace email 1 per 1 day", lost.cap());
		assertEquals(1, lost.capCount());
		assertEquals(2, result.stageChanges().size());
		assertTrue(result.stageChanges().stream().allMatch(change -> change.journey() != null));
	}

	@Test
	void equalPrioritiesGoByJourneyNameWhateverOrderTheyCameIn() throws IOException {
		WorkspaceStep step = workspace(caps(ONE_EMAIL_A_DAY), journey("Zebra", "priority 5", "z"), journey("Apple", "priority 5", "a"));
		assertEquals(List.of("Apple", "Zebra"), step.journeyNames());
		StepResult result = step.applyInPlace(step.initialState("c1"), signup(NOON));
		assertEquals("Apple", result.actions().get(0).journey());
		assertEquals("Apple", only(result.deliveryNotices()).lostToJourney());
		WorkspaceStep noPriorities = workspace(caps(ONE_EMAIL_A_DAY), journey("Zebra", "", "z"), journey("Apple", "", "a"));
		assertEquals("Apple", noPriorities.applyInPlace(noPriorities.initialState("c1"), signup(NOON)).actions().get(0).journey());
	}

	@Test
	void aCapFullBeforeTheStepIsACapNotALostConflict() throws IOException {
		WorkspaceStep step = workspace(caps(ONE_EMAIL_A_DAY), journey("Onboarding", "priority 9", "welcome"),
				journey("Promo", "priority 1", "promo"));
		CustomerState state = step.initialState("c1");
		assertEquals(1, step.applyInPlace(state, signup(NOON - HOUR)).actions().size());
		StepResult again = step.applyInPlace(state, new Event("c1", NOON, "ping", Map.of())); // both campaigns act again
		assertEquals(List.of(), again.actions());
		assertEquals(2, again.deliveryNotices().size());
		for (DeliveryNotice notice : again.deliveryNotices()) {
			assertEquals(DeliveryOutcome.SUPPRESSED_BY_CAP, notice.outcome(), notice.toString());
			assertNull(notice.lostToJourney(), "the cap was full before this step: no one won it now");
			assertEquals("workspace email 1 per 1 day", notice.cap());
		}
	}

	@Test
	void aLoserThatHoldsOnConflictGoesOnceWhenTheCapAllowsIt() throws IOException {
		WorkspaceStep step = workspace(caps(ONE_EMAIL_A_DAY), journey("Onboarding", "priority 9", "welcome"),
				journey("Promo", "priority 1 on conflict hold", "promo"));
		CustomerState state = step.initialState("c1");
		StepResult first = step.applyInPlace(state, signup(NOON));
		DeliveryNotice held = only(first.deliveryNotices());
		assertEquals(DeliveryOutcome.HELD_BY_PRIORITY, held.outcome());
		assertEquals("Onboarding", held.lostToJourney());
		assertEquals(NOON + DAY, held.releaseAt(), "when the day's email slot frees");
		TimerRequest timer = first.timersToSet().stream().filter(t -> t.timerId().startsWith("workspace:")).findFirst().orElseThrow();
		assertEquals(NOON + DAY, timer.dueAt());

		CustomerState beforeRelease = CustomerState.fromBytes(state.toBytes());
		assertEquals(state, beforeRelease, "the composite state survives its bytes");
		StepResult released = step.applyInPlace(beforeRelease, new TimerFired("c1", timer.timerId(), timer.dueAt()));
		assertEquals(1, released.actions().size());
		assertEquals("promo", released.actions().get(0).target());
		assertEquals("Promo", released.actions().get(0).journey());
		assertEquals(DeliveryOutcome.RELEASED, only(released.deliveryNotices()).outcome());
		StepResult twice = step.applyInPlace(beforeRelease, new TimerFired("c1", timer.timerId(), timer.dueAt()));
		assertEquals(List.of(), twice.actions(), "never sent twice");
	}

	@Test
	void sharedQuietHoursHoldEveryJourneysMessageAndReleaseEachOnce() throws IOException {
		WorkspaceSettings quiet = new WorkspaceSettings(List.of(new Cap(2, DAY, Channel.EMAIL, SourceLocation.UNKNOWN)),
				new QuietHours(22 * 60, 7 * 60, SourceLocation.UNKNOWN), ZoneId.of("UTC"));
		WorkspaceStep step = workspace(quiet, journey("Onboarding", "priority 9", "welcome"), journey("Promo", "priority 1", "promo"),
				journey("Survey", "priority 0", "survey"));
		CustomerState state = step.initialState("c1");
		long elevenPm = NOON + 11 * HOUR;
		StepResult night = step.applyInPlace(state, signup(elevenPm));
		assertEquals(List.of(), night.actions());
		List<DeliveryNotice> notices = night.deliveryNotices();
		assertEquals(3, notices.size(), notices.toString());
		assertEquals(DeliveryOutcome.HELD_BY_QUIET_HOURS, notices.get(0).outcome());
		assertEquals(DeliveryOutcome.HELD_BY_QUIET_HOURS, notices.get(1).outcome());
		assertEquals(DeliveryOutcome.LOST_TO_PRIORITY, notices.get(2).outcome(), "the cap of 2 counts held messages too");
		assertEquals("Promo", notices.get(2).lostToJourney());
		long sevenAm = NOON + 19 * HOUR;
		List<TimerRequest> timers = night.timersToSet().stream().filter(t -> t.timerId().startsWith("workspace:")).toList();
		assertEquals(2, timers.size());
		List<String> sent = new ArrayList<>();
		for (TimerRequest timer : timers) {
			assertEquals(sevenAm, timer.dueAt());
			for (int firing = 0; firing < 2; firing++) {
				step.applyInPlace(state, new TimerFired("c1", timer.timerId(), timer.dueAt())).actions()
						.forEach(action -> sent.add(action.journey() + ":" + action.target()));
			}
		}
		assertEquals(List.of("Onboarding:welcome", "Promo:promo"), sent);
	}

	@Test
	void aHeldMessageIsDroppedWhenTheCustomerLeftTheCampaignsStage() throws IOException {
		WorkspaceSettings quiet = new WorkspaceSettings(List.of(), new QuietHours(22 * 60, 7 * 60, SourceLocation.UNKNOWN),
				ZoneId.of("UTC"));
		WorkspaceStep step = workspace(quiet, journey("Onboarding", "", "welcome"));
		CustomerState state = step.initialState("c1");
		StepResult night = step.applyInPlace(state, signup(NOON + 11 * HOUR));
		TimerRequest timer = night.timersToSet().stream().filter(t -> t.timerId().startsWith("workspace:")).findFirst().orElseThrow();
		step.applyInPlace(state, new Event("c1", NOON + 12 * HOUR, "goodbye", Map.of()));
		StepResult release = step.applyInPlace(state, new TimerFired("c1", timer.timerId(), timer.dueAt()));
		assertEquals(List.of(), release.actions());
		assertEquals(DeliveryOutcome.DROPPED_STAGE_LEFT, only(release.deliveryNotices()).outcome());
	}

	@Test
	void timersAndStateAreNamespacedByJourney() throws IOException {
		WorkspaceStep step = workspace(WorkspaceSettings.NONE, journey("Onboarding", "", "welcome"), journey("Promo", "", "promo"));
		WorkspaceState state = (WorkspaceState) step.initialState("c1");
		step.applyInPlace(state, signup(NOON));
		assertEquals("Welcomed", state.part("Onboarding").stage());
		assertEquals("Welcomed", state.part("Promo").stage());
		assertNull(state.part("Nobody"));
		WorkspaceState read = (WorkspaceState) CustomerState.fromBytes(state.toBytes());
		assertEquals(List.of("Onboarding", "Promo"), read.partNames());
		assertEquals(state, read);
	}
}
