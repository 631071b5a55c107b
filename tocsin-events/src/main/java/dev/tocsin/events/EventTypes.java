package dev.tocsin.events;

import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.directory.MembershipRemoved;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceDeleted;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamDeleted;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentPageJoined;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import dev.tocsin.events.page.ReassignPage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.events.page.SnoozePage;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every integration event Tocsin publishes. A new event or a new version of one is a new constant
 * here, a case in {@link #of} (which the compiler demands, since {@link IntegrationEvent} is
 * sealed and the switch has no {@code default}) and a golden fixture under
 * {@code src/test/resources/golden}; during a release consumers keep accepting the previous
 * version's {@code ce_type}.
 */
public final class EventTypes {

    public static final EventType ALERT_SIGNAL_RECEIVED =
            new EventType("tocsin.alert-signal.received.v1", Topics.ALERT_SIGNALS, AlertSignalReceived.class);
    public static final EventType RELEASE_ALERT =
            new EventType("tocsin.alert-command.release.v1", Topics.ALERT_SIGNALS, ReleaseAlert.class);
    public static final EventType ALERT_TRIGGERED =
            new EventType("tocsin.alert.triggered.v1", Topics.ALERTS, AlertTriggered.class);
    public static final EventType ALERT_RESOLVED =
            new EventType("tocsin.alert.resolved.v1", Topics.ALERTS, AlertResolved.class);
    public static final EventType ALERT_GROUP_UPDATED =
            new EventType("tocsin.alert-group.updated.v1", Topics.ALERTS, AlertGroupUpdated.class);
    public static final EventType PAGE_OPENED = new EventType("tocsin.page.opened.v1", Topics.PAGES, PageOpened.class);
    public static final EventType PAGE_ESCALATED =
            new EventType("tocsin.page.escalated.v1", Topics.PAGES, PageEscalated.class);
    public static final EventType PAGE_ACKNOWLEDGED =
            new EventType("tocsin.page.acknowledged.v1", Topics.PAGES, PageAcknowledged.class);
    public static final EventType PAGE_EXHAUSTED =
            new EventType("tocsin.page.exhausted.v1", Topics.PAGES, PageExhausted.class);
    public static final EventType PAGE_RESOLVED =
            new EventType("tocsin.page.resolved.v1", Topics.PAGES, PageResolved.class);
    public static final EventType PAGE_SNOOZED =
            new EventType("tocsin.page.snoozed.v1", Topics.PAGES, PageSnoozed.class);
    public static final EventType PAGE_RENOTIFIED =
            new EventType("tocsin.page.renotified.v1", Topics.PAGES, PageRenotified.class);
    public static final EventType PAGE_REASSIGNED =
            new EventType("tocsin.page.reassigned.v1", Topics.PAGES, PageReassigned.class);
    public static final EventType PAGE_ACKNOWLEDGEMENT_EXPIRED = new EventType(
            "tocsin.page-acknowledgement.expired.v1", Topics.PAGES, PageAcknowledgementExpired.class);
    public static final EventType RESOLVE_PAGE =
            new EventType("tocsin.page-command.resolve.v1", Topics.PAGE_COMMANDS, ResolvePage.class);
    public static final EventType SNOOZE_PAGE =
            new EventType("tocsin.page-command.snooze.v1", Topics.PAGE_COMMANDS, SnoozePage.class);
    public static final EventType REASSIGN_PAGE =
            new EventType("tocsin.page-command.reassign.v1", Topics.PAGE_COMMANDS, ReassignPage.class);
    public static final EventType ESCALATE_PAGE =
            new EventType("tocsin.page-command.escalate.v1", Topics.PAGE_COMMANDS, EscalatePage.class);
    public static final EventType ACKNOWLEDGE_PAGE =
            new EventType("tocsin.page-command.acknowledge.v1", Topics.PAGE_COMMANDS, AcknowledgePage.class);
    public static final EventType NOTIFY_REQUESTED =
            new EventType("tocsin.notify.requested.v1", Topics.NOTIFY_REQUESTS, NotifyRequested.class);
    public static final EventType DELIVERY_SENT =
            new EventType("tocsin.delivery.sent.v1", Topics.NOTIFICATIONS, DeliverySent.class);
    public static final EventType DELIVERY_FAILED =
            new EventType("tocsin.delivery.failed.v1", Topics.NOTIFICATIONS, DeliveryFailed.class);
    public static final EventType DELIVERY_QUEUED =
            new EventType("tocsin.delivery.queued.v1", Topics.NOTIFICATIONS, DeliveryQueued.class);
    public static final EventType DELIVERY_DELIVERED =
            new EventType("tocsin.delivery.delivered.v1", Topics.NOTIFICATIONS, DeliveryDelivered.class);
    public static final EventType CHANGE_RECEIVED =
            new EventType("tocsin.change.received.v1", Topics.CHANGES, ChangeReceived.class);
    public static final EventType INCIDENT_DECLARED =
            new EventType("tocsin.incident.declared.v1", Topics.INCIDENTS, IncidentDeclared.class);
    public static final EventType INCIDENT_PAGE_JOINED =
            new EventType("tocsin.incident-page.joined.v1", Topics.INCIDENTS, IncidentPageJoined.class);
    public static final EventType INCIDENT_ROLES_CHANGED =
            new EventType("tocsin.incident-roles.changed.v1", Topics.INCIDENTS, IncidentRolesChanged.class);
    public static final EventType INCIDENT_STATUS_CHANGED =
            new EventType("tocsin.incident-status.changed.v1", Topics.INCIDENTS, IncidentStatusChanged.class);
    public static final EventType TEAM_SAVED =
            new EventType("tocsin.team.saved.v1", Topics.DIRECTORY, TeamSaved.class);
    public static final EventType TEAM_DELETED =
            new EventType("tocsin.team.deleted.v1", Topics.DIRECTORY, TeamDeleted.class);
    public static final EventType MEMBERSHIP_SAVED =
            new EventType("tocsin.membership.saved.v1", Topics.DIRECTORY, MembershipSaved.class);
    public static final EventType MEMBERSHIP_REMOVED =
            new EventType("tocsin.membership.removed.v1", Topics.DIRECTORY, MembershipRemoved.class);
    public static final EventType TOKEN_ISSUED =
            new EventType("tocsin.token.issued.v1", Topics.DIRECTORY, TokenIssued.class);
    public static final EventType TOKEN_REVOKED =
            new EventType("tocsin.token.revoked.v1", Topics.DIRECTORY, TokenRevoked.class);
    public static final EventType PERSON_SAVED =
            new EventType("tocsin.person.saved.v1", Topics.DIRECTORY, PersonSaved.class);
    public static final EventType PERSON_DELETED =
            new EventType("tocsin.person.deleted.v1", Topics.DIRECTORY, PersonDeleted.class);
    public static final EventType SERVICE_SAVED =
            new EventType("tocsin.service.saved.v1", Topics.DIRECTORY, ServiceSaved.class);
    public static final EventType SERVICE_DELETED =
            new EventType("tocsin.service.deleted.v1", Topics.DIRECTORY, ServiceDeleted.class);

    public static final List<EventType> ALL = List.of(ALERT_SIGNAL_RECEIVED, RELEASE_ALERT, ALERT_TRIGGERED,
            ALERT_RESOLVED, ALERT_GROUP_UPDATED, PAGE_OPENED, PAGE_ESCALATED, PAGE_ACKNOWLEDGED, PAGE_EXHAUSTED,
            PAGE_RESOLVED, PAGE_SNOOZED, PAGE_RENOTIFIED, PAGE_REASSIGNED, ACKNOWLEDGE_PAGE, RESOLVE_PAGE,
            SNOOZE_PAGE, REASSIGN_PAGE, ESCALATE_PAGE, NOTIFY_REQUESTED, DELIVERY_SENT, DELIVERY_FAILED, CHANGE_RECEIVED,
            TEAM_SAVED, TEAM_DELETED, MEMBERSHIP_SAVED, MEMBERSHIP_REMOVED, TOKEN_ISSUED, TOKEN_REVOKED,
            PAGE_ACKNOWLEDGEMENT_EXPIRED, PERSON_SAVED, PERSON_DELETED, SERVICE_SAVED, SERVICE_DELETED,
            DELIVERY_QUEUED, DELIVERY_DELIVERED, INCIDENT_DECLARED, INCIDENT_PAGE_JOINED, INCIDENT_ROLES_CHANGED,
            INCIDENT_STATUS_CHANGED);

    private static final Map<String, EventType> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** The type an event is published as; exhaustive, so an event nobody registered does not compile. */
    public static EventType of(IntegrationEvent event) {
        return switch (event) {
            case AlertSignalReceived e -> ALERT_SIGNAL_RECEIVED;
            case ReleaseAlert e -> RELEASE_ALERT;
            case AlertTriggered e -> ALERT_TRIGGERED;
            case AlertResolved e -> ALERT_RESOLVED;
            case AlertGroupUpdated e -> ALERT_GROUP_UPDATED;
            case PageOpened e -> PAGE_OPENED;
            case PageEscalated e -> PAGE_ESCALATED;
            case PageAcknowledged e -> PAGE_ACKNOWLEDGED;
            case PageExhausted e -> PAGE_EXHAUSTED;
            case PageResolved e -> PAGE_RESOLVED;
            case PageSnoozed e -> PAGE_SNOOZED;
            case PageRenotified e -> PAGE_RENOTIFIED;
            case PageReassigned e -> PAGE_REASSIGNED;
            case PageAcknowledgementExpired e -> PAGE_ACKNOWLEDGEMENT_EXPIRED;
            case AcknowledgePage e -> ACKNOWLEDGE_PAGE;
            case ResolvePage e -> RESOLVE_PAGE;
            case SnoozePage e -> SNOOZE_PAGE;
            case ReassignPage e -> REASSIGN_PAGE;
            case EscalatePage e -> ESCALATE_PAGE;
            case NotifyRequested e -> NOTIFY_REQUESTED;
            case DeliverySent e -> DELIVERY_SENT;
            case DeliveryFailed e -> DELIVERY_FAILED;
            case DeliveryQueued e -> DELIVERY_QUEUED;
            case DeliveryDelivered e -> DELIVERY_DELIVERED;
            case ChangeReceived e -> CHANGE_RECEIVED;
            case IncidentDeclared e -> INCIDENT_DECLARED;
            case IncidentPageJoined e -> INCIDENT_PAGE_JOINED;
            case IncidentRolesChanged e -> INCIDENT_ROLES_CHANGED;
            case IncidentStatusChanged e -> INCIDENT_STATUS_CHANGED;
            case TeamSaved e -> TEAM_SAVED;
            case TeamDeleted e -> TEAM_DELETED;
            case MembershipSaved e -> MEMBERSHIP_SAVED;
            case MembershipRemoved e -> MEMBERSHIP_REMOVED;
            case TokenIssued e -> TOKEN_ISSUED;
            case TokenRevoked e -> TOKEN_REVOKED;
            case PersonSaved e -> PERSON_SAVED;
            case PersonDeleted e -> PERSON_DELETED;
            case ServiceSaved e -> SERVICE_SAVED;
            case ServiceDeleted e -> SERVICE_DELETED;
        };
    }
}
