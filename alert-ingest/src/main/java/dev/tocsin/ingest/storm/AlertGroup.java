package dev.tocsin.ingest.storm;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.ingest.storm.GroupEvent.GroupClosed;
import dev.tocsin.ingest.storm.GroupEvent.GroupOpened;
import dev.tocsin.ingest.storm.GroupEvent.GroupPublished;
import dev.tocsin.ingest.storm.GroupEvent.MembersJoined;
import dev.tocsin.ingest.storm.GroupEvent.MembersResolved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The AlertGroup aggregate: one storm on one service (SRE book ch. 13: a flood of duplicate alerts
 * disrupted the responders). Instead of paging for every alert past the threshold, the rest join
 * one grouped alert ("12 alerts firing on checkout"), published once after a short group wait and
 * closed when every member resolved. Pure, like {@code Alert}.
 */
public final class AlertGroup {

    public static final StoredEvents<GroupEvent> EVENTS = StoredEvents.of("AlertGroup", GroupEvent.class);

    private AlertGroup() {
    }

    /** Members join the open group; {@code group} is null when the storm's group opens with them. */
    public static List<GroupEvent> join(GroupRow group, String groupId, String service, String reason,
            List<String> alertIds, Instant at) {
        List<GroupEvent> events = new ArrayList<>();
        int members = 0;
        int firing = 0;
        if (group == null) {
            events.add(new GroupOpened(groupId, service, reason, at));
        } else {
            members = group.members();
            firing = group.firing();
        }
        events.add(new MembersJoined(groupId, List.copyOf(alertIds), members + alertIds.size(),
                firing + alertIds.size(), at));
        return events;
    }

    /** Members resolved; the group closes when none fires any more. */
    public static List<GroupEvent> resolve(GroupRow group, List<String> alertIds, Instant at) {
        if (group == null || !group.open()) {
            return List.of();
        }
        int firing = Math.max(0, group.firing() - alertIds.size());
        List<GroupEvent> events = new ArrayList<>(List.of(new MembersResolved(group.id(), List.copyOf(alertIds),
                firing, at)));
        if (firing == 0) {
            events.add(new GroupClosed(group.id(), at));
        }
        return events;
    }

    /** The group wait passed: publish the grouped alert, unless it closed or went out already. */
    public static List<GroupEvent> publish(GroupRow group, Instant at) {
        if (group == null || !group.open() || group.publishedAt() != null) {
            return List.of();
        }
        return List.of(new GroupPublished(group.id(), summary(group.firing(), group.service()), at));
    }

    public static String summary(int firing, String service) {
        return firing + (firing == 1 ? " alert" : " alerts") + " firing on " + service;
    }

    public static GroupRow apply(GroupRow g, GroupEvent event) {
        return switch (event) {
            case GroupOpened e -> new GroupRow(e.groupId(), e.service(), true, e.reason(), 0, 0, 1, e.openedAt(), null,
                    summary(0, e.service()), null);
            case MembersJoined e -> new GroupRow(g.id(), g.service(), g.open(), g.reason(), e.members(), e.firing(),
                    g.version() + 1, g.openedAt(), g.publishedAt(), summary(e.firing(), g.service()), g.closedAt());
            case MembersResolved e -> new GroupRow(g.id(), g.service(), g.open(), g.reason(), g.members(), e.firing(),
                    g.version() + 1, g.openedAt(), g.publishedAt(), summary(e.firing(), g.service()), g.closedAt());
            case GroupPublished e -> new GroupRow(g.id(), g.service(), g.open(), g.reason(), g.members(), g.firing(),
                    g.version() + 1, g.openedAt(), e.at(), e.summary(), g.closedAt());
            case GroupClosed e -> new GroupRow(g.id(), g.service(), false, g.reason(), g.members(), g.firing(),
                    g.version() + 1, g.openedAt(), g.publishedAt(), g.summary(), e.at());
        };
    }
}
