package dev.tocsin.incident.incident;

import dev.tocsin.incident.incident.IncidentChange.CommandTaken;
import dev.tocsin.incident.incident.IncidentChange.Declared;
import dev.tocsin.incident.incident.IncidentChange.DocumentEdited;
import dev.tocsin.incident.incident.IncidentChange.EntryKind;
import dev.tocsin.incident.incident.IncidentChange.EntryWritten;
import dev.tocsin.incident.incident.IncidentChange.HandoffAccepted;
import dev.tocsin.incident.incident.IncidentChange.HandoffDeclined;
import dev.tocsin.incident.incident.IncidentChange.HandoffProposed;
import dev.tocsin.incident.incident.IncidentChange.PageJoined;
import dev.tocsin.incident.incident.IncidentChange.RoleAssigned;
import dev.tocsin.incident.incident.IncidentChange.StatusChanged;
import dev.tocsin.incident.incident.IncidentChange.Subscribed;
import dev.tocsin.incident.incident.IncidentChange.Unsubscribed;
import dev.tocsin.incident.incident.IncidentChange.UpdatePosted;
import dev.tocsin.incident.incident.IncidentChange.UpdateReminded;
import dev.tocsin.incident.incident.IncidentCommand.AcceptHandoff;
import dev.tocsin.incident.incident.IncidentCommand.AssignRole;
import dev.tocsin.incident.incident.IncidentCommand.ChangeStatus;
import dev.tocsin.incident.incident.IncidentCommand.Declare;
import dev.tocsin.incident.incident.IncidentCommand.DeclineHandoff;
import dev.tocsin.incident.incident.IncidentCommand.EditDocument;
import dev.tocsin.incident.incident.IncidentCommand.JoinPage;
import dev.tocsin.incident.incident.IncidentCommand.PostUpdate;
import dev.tocsin.incident.incident.IncidentCommand.ProposeHandoff;
import dev.tocsin.incident.incident.IncidentCommand.RemindUpdate;
import dev.tocsin.incident.incident.IncidentCommand.Subscribe;
import dev.tocsin.incident.incident.IncidentCommand.TakeCommand;
import dev.tocsin.incident.incident.IncidentCommand.Unsubscribe;
import dev.tocsin.incident.incident.IncidentCommand.WriteEntry;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Incident aggregate, run the way the SRE book's <i>Managing Incidents</i> asks: one commander
 * who holds the big picture and alone assigns the other roles; command that changes hands only when
 * the new commander accepts it (until then the old one holds it); only the operations lead records
 * mitigations, since only operations changes the system; a live state document the role holders
 * keep; and a troubleshooting record of notes, hypotheses, tests and their results, negative ones
 * included. {@link #decide} and {@link #apply} are pure: loading and recording happen in
 * {@link Incidents}.
 *
 * @param roles who holds each role now; the commander from declaration on
 * @param handoff the last handoff of command proposed, whatever became of it; null before the first
 * @param subscribers who receives its stakeholder updates, besides its services' subscribers
 * @param version the number of events the incident has
 */
public record Incident(String id, Status status, String title, Severity severity, List<String> services,
        List<String> pageIds, Map<Role, String> roles, Handoff handoff, StateDocument document, String reason,
        String declaredBy, Instant declaredAt, Instant updatedAt, int version, List<String> subscribers) {

    public enum Status {
        /** Not declared yet: never stored, never shown. */
        NEW,
        ACTIVE,
        MITIGATED,
        RESOLVED,
        CLOSED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Still being worked on: active or mitigated. */
        public boolean open() {
            return this == ACTIVE || this == MITIGATED;
        }
    }

    public enum Severity {
        SEV1, SEV2, SEV3, SEV4
    }

    public enum Role {
        COMMANDER("incident commander"),
        OPERATIONS("operations lead"),
        COMMUNICATIONS("communications lead"),
        PLANNING("planning lead");

        private final String title;

        Role(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** As the API and the events name it: {@code commander}, {@code operations}, … */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A proposed handoff of command and what became of it; an offer not taken in time has expired. */
    public record Handoff(String from, String to, Instant proposedAt, Instant expiresAt, Outcome outcome) {

        public enum Outcome {
            PENDING, ACCEPTED, DECLINED, EXPIRED
        }

        /** Its outcome as of {@code now}: a pending offer past its expiry reads as expired. */
        public Outcome outcomeAt(Instant now) {
            return outcome == Outcome.PENDING && !now.isBefore(expiresAt) ? Outcome.EXPIRED : outcome;
        }
    }

    public Incident {
        roles = Collections.unmodifiableMap(roles.isEmpty() ? new EnumMap<>(Role.class) : new EnumMap<>(roles));
        subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
    }

    public static Incident empty(String id) {
        return new Incident(id, Status.NEW, null, null, List.of(), List.of(), Map.of(), null, null, null, null, null,
                null, 0, List.of());
    }

    public static Incident replay(String id, List<IncidentChange> events) {
        Incident incident = empty(id);
        for (IncidentChange event : events) {
            incident = incident.apply(event);
        }
        return incident;
    }

    public String commander() {
        return roles.get(Role.COMMANDER);
    }

    /** Who owes stakeholders their updates: the communications lead, the commander while nobody holds that role. */
    public String communicator() {
        return roles.getOrDefault(Role.COMMUNICATIONS, commander());
    }

    /** The events {@code command} produces at {@code now}; none when it changes nothing. */
    public List<IncidentChange> decide(IncidentCommand command, Instant now) {
        if (!(command instanceof Declare) && status == Status.CLOSED) {
            throw IncidentRefused.conflict("incident " + id + " is closed; nothing more is recorded on it");
        }
        return switch (command) {
            case Declare declare -> {
                if (status != Status.NEW) {
                    throw IncidentRefused.conflict("incident " + id + " is already declared");
                }
                yield List.of(new Declared(declare.title(), declare.severity(), List.copyOf(declare.services()),
                        List.copyOf(declare.pageIds()), declare.reason(), declare.by(), declare.commander(), now,
                        declare.tell()));
            }
            case TakeCommand take -> {
                if (commander() != null) {
                    throw IncidentRefused.conflict(commander() + " holds command; it changes hands by a handoff "
                            + "the new commander accepts");
                }
                yield List.of(new CommandTaken(take.by(), now));
            }
            // Its people learn of the incident, but for those who hold a role in it: they run it.
            case JoinPage join -> pageIds.contains(join.pageId()) ? List.<IncidentChange>of()
                    : List.of(new PageJoined(join.pageId(), join.service(), now, join.paged().stream()
                            .filter(person -> !roles.containsValue(person)).toList()));
            case RemindUpdate remind -> {
                String person = communicator();
                yield !status.open() || person == null || !remind.due().equals(document.nextUpdateDue()) ? List.of()
                        : List.of(new UpdateReminded(person, remind.due(), now));
            }
            case AssignRole assign -> assign(assign, now);
            case ProposeHandoff propose -> {
                requireCommander(propose.by(), "hands command over");
                if (propose.to().equals(commander())) {
                    throw IncidentRefused.conflict(propose.to() + " is already the incident commander");
                }
                yield List.of(new HandoffProposed(commander(), propose.to(), now.plus(propose.expiresAfter()), now));
            }
            case AcceptHandoff accept -> {
                Handoff offer = pendingOffer(accept.by(), "accepts", now);
                yield List.of(new HandoffAccepted(offer.from(), offer.to(), now));
            }
            case DeclineHandoff decline -> {
                Handoff offer = pendingOffer(decline.by(), "declines", now);
                yield List.of(new HandoffDeclined(offer.from(), offer.to(), now));
            }
            case EditDocument edit -> {
                if (!roles.containsValue(edit.by())) {
                    throw IncidentRefused.forbidden("only those who hold a role in incident " + id
                            + " (commander, operations, communications, planning) edit its state document");
                }
                Severity severity = edit.severity() == null ? this.severity : edit.severity();
                yield edit.document().equals(document) && severity == this.severity ? List.of()
                        : List.of(new DocumentEdited(edit.document(), severity, edit.by(), now));
            }
            case ChangeStatus change -> changeStatus(change, now);
            case Subscribe subscribe -> {
                requireSelfOrLead(subscribe.person(), subscribe.by(), "subscribe");
                yield subscribers.contains(subscribe.person()) ? List.of()
                        : List.of(new Subscribed(subscribe.person(), subscribe.by(), now));
            }
            case Unsubscribe unsubscribe -> {
                requireSelfOrLead(unsubscribe.person(), unsubscribe.by(), "unsubscribe");
                yield !subscribers.contains(unsubscribe.person()) ? List.of()
                        : List.of(new Unsubscribed(unsubscribe.person(), unsubscribe.by(), now));
            }
            case PostUpdate post -> {
                String lead = communicator();
                if (!post.by().equals(lead)) {
                    throw IncidentRefused.forbidden("only the communications lead posts stakeholder updates"
                            + (lead == null ? "; nobody holds that role or command yet"
                            : roles.containsKey(Role.COMMUNICATIONS) ? "; that is " + lead
                            : "; nobody holds that role, so the incident commander does: " + lead));
                }
                if (!status.open()) {
                    throw IncidentRefused.conflict("incident " + id + " is " + status.word()
                            + "; stakeholder updates are posted while it is active or mitigated");
                }
                LinkedHashSet<String> recipients = new LinkedHashSet<>(subscribers);
                recipients.addAll(post.serviceSubscribers());
                yield List.of(new UpdatePosted(post.text(), post.nextUpdateDue(), List.copyOf(recipients), post.by(),
                        now));
            }
            case WriteEntry write -> {
                if (write.kind() == EntryKind.MITIGATION && !write.by().equals(roles.get(Role.OPERATIONS))) {
                    String lead = roles.get(Role.OPERATIONS);
                    throw IncidentRefused.forbidden("only the operations lead records mitigations, since only "
                            + "operations changes the system during an incident; " + (lead == null
                            ? "nobody holds that role yet, and the commander assigns it"
                            : "that is " + lead));
                }
                yield List.of(new EntryWritten(write.kind(), write.text(), write.result(), write.by(), now));
            }
        };
    }

    private List<IncidentChange> assign(AssignRole assign, Instant now) {
        requireCommander(assign.by(), "assigns roles");
        if (assign.role() == Role.COMMANDER) {
            throw IncidentRefused.conflict("command changes hands only by a handoff the new commander accepts "
                    + "(POST /api/v1/incidents/" + id + "/handoff)");
        }
        if (Objects.equals(roles.get(assign.role()), assign.person())) {
            return List.of();
        }
        return List.of(new RoleAssigned(assign.role(), assign.person(), assign.by(), now));
    }

    private List<IncidentChange> changeStatus(ChangeStatus change, Instant now) {
        requireCommander(change.by(), "changes the incident's status");
        if (change.to() == status) {
            return List.of();
        }
        if (change.to() == Status.NEW) {
            throw IncidentRefused.conflict("an incident cannot be undeclared; resolve and close it");
        }
        if (change.to() == Status.CLOSED && status != Status.RESOLVED) {
            throw IncidentRefused.conflict("only a resolved incident is closed; incident " + id + " is "
                    + status.word());
        }
        return List.of(new StatusChanged(status, change.to(), change.by(), now));
    }

    private void requireSelfOrLead(String person, String actor, String what) {
        if (!person.equals(actor) && !actor.equals(commander()) && !actor.equals(roles.get(Role.COMMUNICATIONS))) {
            throw IncidentRefused.forbidden("a person may " + what + " only themself; the incident commander and "
                    + "the communications lead may " + what + " anyone");
        }
    }

    private void requireCommander(String actor, String what) {
        if (commander() == null) {
            throw IncidentRefused.conflict("nobody holds command of incident " + id + " yet; take it first (POST "
                    + "/api/v1/incidents/" + id + "/command), then the commander " + what);
        }
        if (!actor.equals(commander())) {
            throw IncidentRefused.forbidden("only the incident commander (" + commander() + ") " + what);
        }
    }

    private Handoff pendingOffer(String actor, String what, Instant now) {
        if (handoff == null || handoff.outcome() != Handoff.Outcome.PENDING) {
            throw IncidentRefused.conflict("no handoff of command is waiting in incident " + id);
        }
        if (!actor.equals(handoff.to())) {
            throw IncidentRefused.forbidden("command was offered to " + handoff.to() + "; only they " + what + " it");
        }
        if (handoff.outcomeAt(now) == Handoff.Outcome.EXPIRED) {
            throw IncidentRefused.conflict("the handoff to " + handoff.to() + " expired at " + handoff.expiresAt()
                    + "; " + handoff.from() + " still holds command and may propose it again");
        }
        return handoff;
    }

    public Incident apply(IncidentChange event) {
        int next = version + 1;
        Instant at = event.at();
        return switch (event) {
            case Declared d -> new Incident(id, Status.ACTIVE, d.title(), d.severity(), d.services(), d.pageIds(),
                    d.commander() == null ? Map.of() : Map.of(Role.COMMANDER, d.commander()), null,
                    StateDocument.startingWith(d.title()), d.reason(), d.declaredBy(), at, at, next, List.of());
            case CommandTaken t -> {
                Map<Role, String> changed = new EnumMap<>(Role.class);
                changed.putAll(roles);
                changed.put(Role.COMMANDER, t.person());
                yield with(changed, handoff, document, severity, status, at, next);
            }
            case PageJoined j -> {
                List<String> services = this.services.contains(j.service()) ? this.services
                        : Stream.concat(this.services.stream(), Stream.of(j.service()))
                                .toList();
                List<String> pages = Stream.concat(pageIds.stream(), Stream.of(
                        j.pageId())).toList();
                yield new Incident(id, status, title, severity, services, pages, roles, handoff, document, reason,
                        declaredBy, declaredAt, at, next, subscribers);
            }
            case RoleAssigned r -> {
                Map<Role, String> changed = new EnumMap<>(Role.class);
                changed.putAll(roles);
                if (r.person() == null) {
                    changed.remove(r.role());
                } else {
                    changed.put(r.role(), r.person());
                }
                yield with(changed, handoff, document, severity, status, at, next);
            }
            case HandoffProposed p -> with(roles, new Handoff(p.from(), p.to(), at, p.expiresAt(),
                    Handoff.Outcome.PENDING), document, severity, status, at, next);
            case HandoffAccepted a -> {
                Map<Role, String> changed = new EnumMap<>(Role.class);
                changed.putAll(roles);
                changed.put(Role.COMMANDER, a.to());
                yield with(changed, handoffEnded(Handoff.Outcome.ACCEPTED), document, severity, status, at, next);
            }
            case HandoffDeclined d -> with(roles, handoffEnded(Handoff.Outcome.DECLINED), document, severity, status,
                    at, next);
            case DocumentEdited e -> with(roles, handoff, e.document(), e.severity(), status, at, next);
            case StatusChanged s -> with(roles, handoff, document, severity, s.to(), at, next);
            case EntryWritten w -> with(roles, handoff, document, severity, status, at, next);
            case UpdateReminded r -> with(roles, handoff, document, severity, status, at, next);
            case Subscribed s -> new Incident(id, status, title, severity, services, pageIds, roles, handoff, document,
                    reason, declaredBy, declaredAt, at, next,
                    Stream.concat(subscribers.stream(), Stream.of(s.person())).toList());
            case Unsubscribed u -> new Incident(id, status, title, severity, services, pageIds, roles, handoff,
                    document, reason, declaredBy, declaredAt, at, next,
                    subscribers.stream().filter(p -> !p.equals(u.person())).toList());
            case UpdatePosted p -> with(roles, handoff, new StateDocument(document.summary(), document.commandPost(),
                    p.nextUpdateDue(), document.detailedStatus(), document.exitCriteria(), document.todos()), severity,
                    status, at, next);
        };
    }

    private Handoff handoffEnded(Handoff.Outcome outcome) {
        return new Handoff(handoff.from(), handoff.to(), handoff.proposedAt(), handoff.expiresAt(), outcome);
    }

    private Incident with(Map<Role, String> roles, Handoff handoff, StateDocument document, Severity severity,
            Status status, Instant updatedAt, int version) {
        return new Incident(id, status, title, severity, services, pageIds, roles, handoff, document, reason,
                declaredBy, declaredAt, updatedAt, version, subscribers);
    }
}
