package io.itinera.dsl.validation;

/**
 * The codes of every diagnostic the journey validator reports. Quick fixes and tests key on
 * these; unresolved references use Xtext's own {@code Diagnostic.LINKING_DIAGNOSTIC}.
 */
public final class JourneyIssueCodes {
	private static final String PREFIX = "io.itinera.journey.";

	public static final String MISSING_ENTRY = PREFIX + "missingEntry";
	public static final String MISSING_STAGES = PREFIX + "missingStages";
	public static final String DUPLICATE_DECLARATION = PREFIX + "duplicateDeclaration";
	public static final String DUPLICATE_NAME = PREFIX + "duplicateName";
	public static final String UNKNOWN_PHASE = PREFIX + "unknownPhase";
	public static final String INVALID_DATE = PREFIX + "invalidDate";
	public static final String NON_POSITIVE_DURATION = PREFIX + "nonPositiveDuration";
	public static final String NON_POSITIVE_CAP = PREFIX + "nonPositiveCap";
	/** Campaign caps against the campaign's schedule and its stages' events (warnings). */
	public static final String CAP_LONGER_THAN_SCHEDULE = PREFIX + "cap.longerThanSchedule";
	public static final String CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS = PREFIX + "cap.equalsScheduleWithQuietHours";
	public static final String CAMPAIGN_WITHOUT_CAP = PREFIX + "cap.missing";
	public static final String INVALID_TIME_OF_DAY = PREFIX + "invalidTimeOfDay";
	/** A broadcast named like a campaign of its journey, whose caps would count its sends. */
	public static final String BROADCAST_NAMED_LIKE_CAMPAIGN = PREFIX + "broadcastNamedLikeCampaign";
	public static final String BEST_HOUR_WITHOUT_ENGAGEMENT = PREFIX + "bestHourWithoutEngagement";
	/** {@code best of MODEL among …}: where it may stand, its offers, its rate, its model. */
	public static final String OFFER_CHOICE = PREFIX + "offerChoice";
	public static final String TYPE_MISMATCH = PREFIX + "typeMismatch";
	public static final String CONDITION_NOT_BOOLEAN = PREFIX + "conditionNotBoolean";
	public static final String DUPLICATE_MIGRATION = PREFIX + "duplicateMigration";
	public static final String REDUNDANT_MIGRATION = PREFIX + "redundantMigration";
	public static final String AGGREGATE_NEEDS_FIELD = PREFIX + "aggregateNeedsField";
	public static final String NON_NUMERIC_AGGREGATE = PREFIX + "nonNumericAggregate";
	public static final String NON_NUMERIC_GOAL_VALUE = PREFIX + "nonNumericGoalValue";
	public static final String FIELD_OF_OTHER_EVENT = PREFIX + "fieldOfOtherEvent";
	public static final String EVENT_WITHOUT_FIELD = PREFIX + "eventWithoutField";
	public static final String EVENT_FIELD_OUT_OF_CONTEXT = PREFIX + "eventFieldOutOfContext";
	public static final String MODEL_INPUT_NOT_NUMERIC = PREFIX + "modelInputNotNumeric";
	public static final String TRIGGER_WITHOUT_MODEL = PREFIX + "triggerWithoutModel";
	public static final String HYSTERESIS_WRONG_SIDE = PREFIX + "hysteresisWrongSide";
	public static final String OTHERWISE_NOT_LAST = PREFIX + "otherwiseNotLast";
	public static final String SPLIT_NOT_100 = PREFIX + "splitNot100";
	public static final String SPLIT_ARM_OUTSIDE_STAGE = PREFIX + "splitArmOutsideStage";
	public static final String AUTO_WINNER_INVALID = PREFIX + "autoWinnerInvalid";
	public static final String UNKNOWN_TEMPLATE_VARIABLE = PREFIX + "unknownTemplateVariable";
	public static final String ISOLATED_STAGE = PREFIX + "isolatedStage";
	public static final String UNREACHABLE_STAGE = PREFIX + "unreachableStage";
	public static final String UNUSED_FEATURE = PREFIX + "unusedFeature";
	public static final String UNUSED_MODEL = PREFIX + "unusedModel";
	public static final String GIVEN_TYPE_MISMATCH = PREFIX + "givenTypeMismatch";
	public static final String TEST_EVENT_FIELD = PREFIX + "testEventField";

	/** Graph analyses of the compiled journey (runtime's JourneyGraph), shown in the editor. */
	public static final String GRAPH_NO_WAY_OUT = PREFIX + "graph.noWayOut";
	public static final String GRAPH_TIMER_CYCLE = PREFIX + "graph.timerCycle";
	public static final String GRAPH_OVERLAPPING_TRANSITIONS = PREFIX + "graph.overlappingTransitions";

	/** Model file checks (the ONNX signature against the declaration). */
	public static final String MODEL_FILE_MISSING = PREFIX + "model.fileMissing";
	public static final String MODEL_FILE_CORRUPT = PREFIX + "model.fileCorrupt";
	public static final String MODEL_SIGNATURE_MISMATCH = PREFIX + "model.signatureMismatch";
	public static final String MODEL_VOCABULARY = PREFIX + "model.vocabulary";
	public static final String MODEL_REMOTE = PREFIX + "model.remote";
	public static final String RECOMMENDER_DECLARATION = PREFIX + "recommender.declaration";
	public static final String RECOMMENDER_USE = PREFIX + "recommender.use";

	/** Subscription topics: a send or campaign naming a topic neither the journey nor its workspace declares, and the like. */
	public static final String UNDECLARED_TOPIC = PREFIX + "topic.undeclared";
	public static final String TOPIC_OF_OTHER_CHANNEL = PREFIX + "topic.otherChannel";
	public static final String DUPLICATE_TOPIC = PREFIX + "topic.duplicate";
	public static final String NOT_SUBSCRIBED_EXPECTATION = PREFIX + "topic.notSubscribedExpectation";

	/** Segments: one that names itself (through others), one whose condition reads an event field. */
	public static final String SEGMENT_CYCLE = PREFIX + "segment.cycle";
	public static final String SEGMENT_READS_EVENT = PREFIX + "segment.readsEvent";
	/** A workspace's shared segment: also declared by the journey, or naming what the journey does not declare. */
	public static final String SHARED_SEGMENT_REDECLARED = PREFIX + "segment.sharedRedeclared";
	public static final String SHARED_SEGMENT_UNDECLARED_NAME = PREFIX + "segment.sharedUndeclaredName";

	/** Raw DRL blocks checked by Drools. */
	public static final String DRL_ERROR = PREFIX + "drl.error";
	/** Raw DRL refused: the code hosts refuse a journey with too ({@code RawDrlPolicy}). */
	public static final String RAW_DRL_FORBIDDEN = io.itinera.runtime.rules.RawDrlPolicy.CODE;

	private JourneyIssueCodes() {
	}
}
