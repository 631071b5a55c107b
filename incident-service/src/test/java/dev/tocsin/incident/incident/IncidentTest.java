package dev.tocsin.incident.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.incident.incident.Incident.Handoff.Outcome;
import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.incident.Incident.Severity;
import dev.tocsin.incident.incident.Incident.Status;
import dev.tocsin.incident.incident.IncidentChange.Declared;
import dev.tocsin.incident.incident.IncidentChange.DocumentEdited;
import dev.tocsin.incident.incident.IncidentChange.EntryKind;
import dev.tocsin.incident.incident.IncidentChange.EntryWritten;
import dev.tocsin.incident.incident.IncidentChange.HandoffAccepted;
import dev.tocsin.incident.incident.IncidentChange.HandoffDeclined;
import dev.tocsin.incident.incident.IncidentChange.HandoffProposed;
import dev.tocsin.incident.incident.IncidentChange.Result;
import dev.tocsin.incident.incident.IncidentChange.RoleAssigned;
import dev.tocsin.incident.incident.IncidentChange.StatusChanged;
import dev.tocsin.incident.incident.IncidentChange.Subscribed;
import dev.tocsin.incident.incident.IncidentChange.Unsubscribed;
import dev.tocsin.incident.incident.IncidentChange.UpdatePosted;
import dev.tocsin.incident.incident.IncidentCommand.AcceptHandoff;
import dev.tocsin.incident.incident.IncidentCommand.AssignRole;
import dev.tocsin.incident.incident.IncidentCommand.ChangeStatus;
import dev.tocsin.incident.incident.IncidentCommand.Declare;
import dev.tocsin.incident.incident.IncidentCommand.DeclineHandoff;
import dev.tocsin.incident.incident.IncidentCommand.EditDocument;
import dev.tocsin.incident.incident.IncidentCommand.PostUpdate;
import dev.tocsin.incident.incident.IncidentCommand.ProposeHandoff;
import dev.tocsin.incident.incident.IncidentCommand.Subscribe;
import dev.tocsin.incident.incident.IncidentCommand.Unsubscribe;
import dev.tocsin.incident.incident.IncidentCommand.WriteEntry;
import dev.tocsin.incident.incident.IncidentRefused.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given these incident events, when this command, then these events, or this refusal. */
class IncidentTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = T.plusSeconds(600);
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static final Declared DECLARED = new Declared("Checkout errors", Severity.SEV2, List.of("checkout"),
            List.of("p1"), "declared by alice", ALICE, ALICE, T);
    private static final RoleAssigned BOB_OPERATES = new RoleAssigned(Role.OPERATIONS, BOB, ALICE, T.plusSeconds(10));
    private static final HandoffProposed TO_CAROL = new HandoffProposed(ALICE, CAROL, T.plusSeconds(320),
            T.plusSeconds(20));

    private static Incident given(IncidentChange... events) {
        return Incident.replay("inc-1", List.of(events));
    }

    /** The events the command produces, applied to the incident, which must apply them cleanly. */
    private static List<IncidentChange> when(Incident incident, IncidentCommand command, Instant at) {
        List<IncidentChange> events = incident.decide(command, at);
        events.forEach(incident::apply);
        return events;
    }

    private static IncidentRefused refused(Incident incident, IncidentCommand command, Instant at) {
        return assertThrows(IncidentRefused.class, () -> incident.decide(command, at));
    }

    @Test
    void aPersonWhoDeclaresHoldsCommand() {
        List<IncidentChange> events = when(given(), new Declare("Checkout errors", Severity.SEV2, List.of("checkout"),
                List.of("p1"), "declared by alice", ALICE, ALICE), T);
        assertEquals(List.of(DECLARED), events);
        Incident incident = given(DECLARED);
        assertEquals(Status.ACTIVE, incident.status());
        assertEquals(ALICE, incident.commander());
        assertEquals("Checkout errors", incident.document().summary());
    }

    @Test
    void anIncidentIsDeclaredOnce() {
        assertEquals(Why.CONFLICT, refused(given(DECLARED), new Declare("again", Severity.SEV1, List.of(), List.of(),
                "r", BOB, BOB), LATER).why());
    }

    @Test
    void onlyTheCommanderAssignsRoles() {
        assertEquals(List.of(new RoleAssigned(Role.OPERATIONS, BOB, ALICE, LATER)),
                when(given(DECLARED), new AssignRole(Role.OPERATIONS, BOB, ALICE), LATER));
        IncidentRefused byBob = refused(given(DECLARED, BOB_OPERATES),
                new AssignRole(Role.COMMUNICATIONS, CAROL, BOB), LATER);
        assertEquals(Why.FORBIDDEN, byBob.why());
        assertTrue(byBob.getMessage().contains("only the incident commander (alice)"), byBob.getMessage());
    }

    @Test
    void assigningARoleToWhoHoldsItRecordsNothingAndARoleCanBeLeftOpen() {
        assertEquals(List.of(), when(given(DECLARED, BOB_OPERATES), new AssignRole(Role.OPERATIONS, BOB, ALICE), LATER));
        Incident unassigned = given(DECLARED, BOB_OPERATES, new RoleAssigned(Role.OPERATIONS, null, ALICE, LATER));
        assertEquals(null, unassigned.roles().get(Role.OPERATIONS));
    }

    @Test
    void commandIsNotAssignedButHandedOver() {
        IncidentRefused refusal = refused(given(DECLARED), new AssignRole(Role.COMMANDER, BOB, ALICE), LATER);
        assertEquals(Why.CONFLICT, refusal.why());
        assertTrue(refusal.getMessage().contains("handoff"), refusal.getMessage());
    }

    @Test
    void untilTheNewCommanderAcceptsTheOldOneHoldsCommand() {
        assertEquals(List.of(new HandoffProposed(ALICE, CAROL, T.plusSeconds(20).plus(FIVE_MINUTES), T.plusSeconds(20))),
                when(given(DECLARED), new ProposeHandoff(CAROL, FIVE_MINUTES, ALICE), T.plusSeconds(20)));
        Incident offered = given(DECLARED, TO_CAROL);
        assertEquals(ALICE, offered.commander());
        assertEquals(Why.FORBIDDEN, refused(offered, new AssignRole(Role.PLANNING, BOB, CAROL), LATER.minusSeconds(300))
                .why(), "carol has not accepted yet");
        assertEquals(Why.FORBIDDEN, refused(offered, new AcceptHandoff(BOB), T.plusSeconds(30)).why(),
                "only carol accepts");

        List<IncidentChange> accepted = when(offered, new AcceptHandoff(CAROL), T.plusSeconds(30));
        assertEquals(List.of(new HandoffAccepted(ALICE, CAROL, T.plusSeconds(30))), accepted);
        Incident handedOver = offered.apply(accepted.getFirst());
        assertEquals(CAROL, handedOver.commander());
        assertEquals(Outcome.ACCEPTED, handedOver.handoff().outcome());
        assertEquals(List.of(new RoleAssigned(Role.PLANNING, BOB, CAROL, LATER)),
                when(handedOver, new AssignRole(Role.PLANNING, BOB, CAROL), LATER));
        assertEquals(Why.FORBIDDEN, refused(handedOver, new AssignRole(Role.PLANNING, BOB, ALICE), LATER).why());
    }

    @Test
    void aDeclinedHandoffIsVisibleAndLeavesCommandWhereItWas() {
        Incident offered = given(DECLARED, TO_CAROL);
        assertEquals(List.of(new HandoffDeclined(ALICE, CAROL, T.plusSeconds(30))),
                when(offered, new DeclineHandoff(CAROL), T.plusSeconds(30)));
        Incident declined = given(DECLARED, TO_CAROL, new HandoffDeclined(ALICE, CAROL, T.plusSeconds(30)));
        assertEquals(ALICE, declined.commander());
        assertEquals(Outcome.DECLINED, declined.handoff().outcome());
        assertEquals(Why.CONFLICT, refused(declined, new AcceptHandoff(CAROL), T.plusSeconds(40)).why(),
                "a declined offer cannot be accepted afterwards");
    }

    @Test
    void anOfferNotTakenInTimeExpires() {
        Incident offered = given(DECLARED, TO_CAROL);
        assertEquals(Outcome.PENDING, offered.handoff().outcomeAt(T.plusSeconds(319)));
        assertEquals(Outcome.EXPIRED, offered.handoff().outcomeAt(T.plusSeconds(320)));
        IncidentRefused late = refused(offered, new AcceptHandoff(CAROL), T.plusSeconds(320));
        assertEquals(Why.CONFLICT, late.why());
        assertTrue(late.getMessage().contains("alice still holds command"), late.getMessage());
        assertEquals(1, when(offered, new ProposeHandoff(CAROL, FIVE_MINUTES, ALICE), LATER).size(),
                "the commander may offer it again");
    }

    @Test
    void onlyTheCommanderHandsCommandOverAndNotToThemself() {
        assertEquals(Why.FORBIDDEN, refused(given(DECLARED), new ProposeHandoff(CAROL, FIVE_MINUTES, BOB), LATER).why());
        assertEquals(Why.CONFLICT, refused(given(DECLARED), new ProposeHandoff(ALICE, FIVE_MINUTES, ALICE), LATER)
                .why());
        assertEquals(Why.CONFLICT, refused(given(DECLARED), new AcceptHandoff(CAROL), LATER).why(), "nothing offered");
    }

    @Test
    void onlyTheOperationsLeadRecordsMitigations() {
        WriteEntry drain = new WriteEntry(EntryKind.MITIGATION, "drained eu-west", null, BOB);
        IncidentRefused nobody = refused(given(DECLARED), drain, LATER);
        assertEquals(Why.FORBIDDEN, nobody.why());
        assertTrue(nobody.getMessage().contains("nobody holds that role yet"), nobody.getMessage());
        assertEquals(Why.FORBIDDEN, refused(given(DECLARED, BOB_OPERATES),
                new WriteEntry(EntryKind.MITIGATION, "rolled back", null, ALICE), LATER).why(),
                "not even the commander");
        assertEquals(List.of(new EntryWritten(EntryKind.MITIGATION, "drained eu-west", null, BOB, LATER)),
                when(given(DECLARED, BOB_OPERATES), drain, LATER));
    }

    @Test
    void anyoneRecordsHypothesesTestsAndNegativeResults() {
        Incident incident = given(DECLARED);
        List<IncidentChange> written = new ArrayList<>();
        written.addAll(when(incident, new WriteEntry(EntryKind.HYPOTHESIS, "the 10:02 deploy", null, CAROL), LATER));
        written.addAll(when(incident, new WriteEntry(EntryKind.RESULT, "errors went on after the rollback",
                Result.NEGATIVE, CAROL), LATER));
        assertEquals(List.of(new EntryWritten(EntryKind.HYPOTHESIS, "the 10:02 deploy", null, CAROL, LATER),
                new EntryWritten(EntryKind.RESULT, "errors went on after the rollback", Result.NEGATIVE, CAROL, LATER)),
                written);
    }

    @Test
    void roleHoldersKeepTheStateDocument() {
        StateDocument edited = new StateDocument("Checkout 5xx in eu-west", "#inc-checkout", LATER.plusSeconds(1800),
                "eu-west drained", "error rate below 0.1% for 30 min", List.of("revert flag"));
        assertEquals(List.of(new DocumentEdited(edited, Severity.SEV1, BOB, LATER)),
                when(given(DECLARED, BOB_OPERATES), new EditDocument(edited, Severity.SEV1, BOB), LATER));
        assertEquals(Why.FORBIDDEN, refused(given(DECLARED), new EditDocument(edited, null, CAROL), LATER).why());
        Incident after = given(DECLARED, new DocumentEdited(edited, Severity.SEV1, ALICE, LATER));
        assertEquals(List.of(), when(after, new EditDocument(edited, null, ALICE), LATER), "the same again: nothing");
        assertEquals(Severity.SEV1, after.severity());
    }

    @Test
    void theCommanderMovesTheStatusAndOnlyAResolvedIncidentCloses() {
        Incident incident = given(DECLARED);
        assertEquals(Why.FORBIDDEN, refused(incident, new ChangeStatus(Status.MITIGATED, BOB), LATER).why());
        assertEquals(Why.CONFLICT, refused(incident, new ChangeStatus(Status.CLOSED, ALICE), LATER).why());
        assertEquals(List.of(new StatusChanged(Status.ACTIVE, Status.MITIGATED, ALICE, LATER)),
                when(incident, new ChangeStatus(Status.MITIGATED, ALICE), LATER));
        Incident closed = given(DECLARED, new StatusChanged(Status.ACTIVE, Status.RESOLVED, ALICE, LATER),
                new StatusChanged(Status.RESOLVED, Status.CLOSED, ALICE, LATER));
        assertEquals(Status.CLOSED, closed.status());
        assertEquals(Why.CONFLICT, refused(closed, new WriteEntry(EntryKind.NOTE, "late", null, ALICE), LATER).why(),
                "a closed incident takes nothing more");
        assertEquals(Why.CONFLICT, refused(closed, new ChangeStatus(Status.ACTIVE, ALICE), LATER).why());
    }

    @Test
    void anIncidentARuleDeclaredIsCommandedByWhoeverTakesIt() {
        Declared byRule = new Declared("Pages for checkout, payments", Severity.SEV2, List.of("checkout", "payments"),
                List.of("p1", "p2"), "another team is needed", "rule:another-team", null, T);
        Incident nobody = given(byRule);
        assertEquals(null, nobody.commander());
        IncidentRefused early = refused(nobody, new AssignRole(Role.OPERATIONS, BOB, ALICE), LATER);
        assertEquals(Why.CONFLICT, early.why());
        assertTrue(early.getMessage().contains("take it first"), early.getMessage());
        assertEquals(List.of(new IncidentChange.CommandTaken(CAROL, LATER)),
                when(nobody, new IncidentCommand.TakeCommand(CAROL), LATER));
        Incident taken = given(byRule, new IncidentChange.CommandTaken(CAROL, LATER));
        assertEquals(CAROL, taken.commander());
        assertEquals(Why.CONFLICT, refused(taken, new IncidentCommand.TakeCommand(BOB), LATER).why(),
                "command is taken once; after that it is handed over");
    }

    @Test
    void aRelatedPageJoinsOnceAndBringsItsService() {
        Incident incident = given(DECLARED);
        assertEquals(List.of(new IncidentChange.PageJoined("p2", "payments", LATER)),
                when(incident, new IncidentCommand.JoinPage("p2", "payments", "rule:join"), LATER));
        Incident joined = given(DECLARED, new IncidentChange.PageJoined("p2", "payments", LATER));
        assertEquals(List.of("p1", "p2"), joined.pageIds());
        assertEquals(List.of("checkout", "payments"), joined.services());
        assertEquals(List.of(), when(joined, new IncidentCommand.JoinPage("p2", "payments", "rule:join"), LATER));
        assertEquals(List.of("checkout"), given(DECLARED, new IncidentChange.PageJoined("p3", "checkout", LATER))
                .services(), "a service it has already is not named twice");
    }

    @Test
    void thePeopleAJoiningPageNotifiedAreToldButForThoseWhoRunTheIncident() {
        // Given alice commanding and bob operating, when a page that notified alice, bob and carol joins
        Incident incident = given(DECLARED, BOB_OPERATES);
        List<IncidentChange> joined = when(incident, new IncidentCommand.JoinPage("p2", "payments", "rule:join",
                List.of(ALICE, BOB, CAROL)), LATER);
        // Then only carol, who holds no role in it, is told
        assertEquals(List.of(new IncidentChange.PageJoined("p2", "payments", LATER, List.of(CAROL))), joined);
        Incident after = given(DECLARED, BOB_OPERATES, joined.getFirst());
        List<IntegrationEvent> published = IncidentPublished.of(after, joined.getFirst());
        assertEquals(2, published.size(), published.toString());
        NotifyRequested notice = (NotifyRequested) published.get(1);
        assertEquals(CAROL, notice.userId());
        assertEquals(Boolean.TRUE, notice.quiet());
        assertEquals("Your page for payments joined incident \"Checkout errors\" (SEV2), alice holds command",
                notice.summary());
    }

    @Test
    void theCommunicationsLeadIsRemindedOfTheDueTimeTheDocumentStillNames() {
        Instant due = T.plusSeconds(1800);
        DocumentEdited promised = new DocumentEdited(new StateDocument("s", null, due, null, null, List.of()),
                Severity.SEV2, ALICE, T.plusSeconds(30));
        RoleAssigned carolCommunicates = new RoleAssigned(Role.COMMUNICATIONS, CAROL, ALICE, T.plusSeconds(20));
        assertEquals(List.of(new IncidentChange.UpdateReminded(CAROL, due, LATER)),
                when(given(DECLARED, carolCommunicates, promised), new IncidentCommand.RemindUpdate(due, "rule"), LATER));
        assertEquals(List.of(new IncidentChange.UpdateReminded(ALICE, due, LATER)),
                when(given(DECLARED, promised), new IncidentCommand.RemindUpdate(due, "rule"), LATER),
                "nobody communicates: the commander is reminded");
        assertEquals(List.of(), when(given(DECLARED, promised), new IncidentCommand.RemindUpdate(due.minusSeconds(60),
                "rule"), LATER), "the document names another due time by now");
        assertEquals(List.of(), when(given(DECLARED, promised, new StatusChanged(Status.ACTIVE, Status.RESOLVED, ALICE,
                T.plusSeconds(60))), new IncidentCommand.RemindUpdate(due, "rule"), LATER), "resolved: nobody owes an update");
    }

    @Test
    void aPersonSubscribesThemselfAndTheLeadsSubscribeAnyone() {
        Incident incident = given(DECLARED);
        assertEquals(List.of(new Subscribed(BOB, BOB, LATER)), when(incident, new Subscribe(BOB, BOB), LATER));
        assertEquals(List.of(new Subscribed(CAROL, ALICE, LATER)), when(incident, new Subscribe(CAROL, ALICE), LATER),
                "the commander subscribes anyone");
        assertEquals(Why.FORBIDDEN, refused(incident, new Subscribe(CAROL, BOB), LATER).why());
        Incident subscribed = given(DECLARED, new Subscribed(BOB, BOB, LATER));
        assertEquals(List.of(BOB), subscribed.subscribers());
        assertEquals(List.of(), when(subscribed, new Subscribe(BOB, BOB), LATER), "subscribed once");
        assertEquals(List.of(new Unsubscribed(BOB, BOB, LATER)), when(subscribed, new Unsubscribe(BOB, BOB), LATER));
        assertEquals(List.of(), given(DECLARED, new Subscribed(BOB, BOB, LATER), new Unsubscribed(BOB, BOB, LATER))
                .subscribers());
    }

    @Test
    void onlyTheCommunicationsLeadPostsUpdatesToTheIncidentsAndItsServicesSubscribers() {
        RoleAssigned carolCommunicates = new RoleAssigned(Role.COMMUNICATIONS, CAROL, ALICE, T.plusSeconds(30));
        Incident incident = given(DECLARED, new Subscribed(BOB, BOB, T.plusSeconds(5)), carolCommunicates);
        Instant next = LATER.plus(Duration.ofMinutes(30));
        // Bob is subscribed to the incident and to its service: told once.
        assertEquals(List.of(new UpdatePosted("Checkout is failing for 5% of users", next, List.of(BOB, "dave"), CAROL,
                LATER)), when(incident, new PostUpdate("Checkout is failing for 5% of users", next, List.of("dave", BOB),
                CAROL), LATER));
        IncidentRefused commander = refused(incident, new PostUpdate("x", null, List.of(), ALICE), LATER);
        assertEquals(Why.FORBIDDEN, commander.why());
        assertEquals("only the communications lead posts stakeholder updates; that is carol", commander.getMessage());
        // The update owed is posted: the document's next one is due when the update says, or not at all.
        Incident posted = given(DECLARED, carolCommunicates,
                new UpdatePosted("first", next, List.of(), CAROL, LATER));
        assertEquals(next, posted.document().nextUpdateDue());
        assertEquals(null, given(DECLARED, carolCommunicates, new UpdatePosted("first", null, List.of(), CAROL, LATER))
                .document().nextUpdateDue());
    }

    @Test
    void whileNobodyCommunicatesTheCommanderPostsAndAResolvedIncidentTakesNoUpdates() {
        assertEquals(1, when(given(DECLARED), new PostUpdate("mitigated", null, List.of(), ALICE), LATER).size());
        Incident resolved = given(DECLARED, new StatusChanged(Status.ACTIVE, Status.RESOLVED, ALICE, LATER));
        assertEquals(Why.CONFLICT, refused(resolved, new PostUpdate("late", null, List.of(), ALICE), LATER).why());
    }

    @Test
    void everyEventCountsAsAVersion() {
        assertEquals(3, given(DECLARED, BOB_OPERATES, TO_CAROL).version());
        assertEquals(T.plusSeconds(20), given(DECLARED, BOB_OPERATES, TO_CAROL).updatedAt());
    }
}
