package dev.tocsin.escalation.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.person.rest.UserResource;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.policy.rest.PolicyResource;
import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.ScheduleDocument;
import dev.tocsin.escalation.schedule.rest.ScheduleResource;
import dev.tocsin.escalation.schedule.store.ScheduleDocuments;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.service.rest.ServiceResource;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.team.MemberRequest;
import dev.tocsin.escalation.team.TeamResource;
import dev.tocsin.escalation.team.TeamStore;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.config.ConfigurationChange;
import dev.tocsin.eventing.config.ConfigurationDocument;
import dev.tocsin.eventing.config.ConfigurationDocument.Item;
import dev.tocsin.eventing.config.ConfigurationPart;
import dev.tocsin.eventing.config.ConfigurationSteps;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * escalation-service's part of the configuration document: teams (with their members), people,
 * schedules, policies and services. Applying it runs each item through the very resource its
 * {@code PUT} or {@code DELETE} would, so the checks, the published directory events and the
 * rearmed handoff notices are those of the API, all inside the one transaction of the caller.
 */
@Singleton
public class EscalationConfiguration implements ConfigurationPart {

    private final Users users;
    private final TeamStore teams;
    private final ScheduleDocuments schedules;
    private final Policies policies;
    private final Services services;
    private final UserResource userApi;
    private final TeamResource teamApi;
    private final ScheduleResource scheduleApi;
    private final PolicyResource policyApi;
    private final ServiceResource serviceApi;
    private final ObjectMapper json;
    private final ObjectMapper reader;
    private final Validator validator;
    private final OutboxRelay relay;

    EscalationConfiguration(Users users, TeamStore teams, ScheduleDocuments schedules, Policies policies,
            Services services, UserResource userApi, TeamResource teamApi, ScheduleResource scheduleApi,
            PolicyResource policyApi, ServiceResource serviceApi, ObjectMapper json, Validator validator,
            OutboxRelay relay) {
        this.relay = relay;
        this.users = users;
        this.teams = teams;
        this.schedules = schedules;
        this.policies = policies;
        this.services = services;
        this.userApi = userApi;
        this.teamApi = teamApi;
        this.scheduleApi = scheduleApi;
        this.policyApi = policyApi;
        this.serviceApi = serviceApi;
        this.json = json;
        this.reader = ConfigurationDocument.reader(json);
        this.validator = validator;
    }

    /** The directory is the document's first part: its export carries the version. */
    @Override
    public boolean first() {
        return true;
    }

    @Override
    public Uni<Map<String, Map<String, JsonNode>>> running() {
        return Uni.combine().all().unis(
                        Paged.all(teams::list, t -> Cursor.of(t.id())),
                        Paged.all(users::list, u -> Cursor.of(u.id())),
                        Paged.all(schedules::list, s -> Cursor.of(s.id())),
                        Paged.all(policies::list, p -> Cursor.of(p.id())),
                        Paged.all(services::list, s -> Cursor.of(s.id())))
                .with((teamViews, people, scheduleDocuments, policyDocuments, serviceDefinitions) -> {
                    Map<String, Map<String, JsonNode>> part = new LinkedHashMap<>();
                    part.put("teams", byId(teamViews.stream().map(TeamItem::of).toList(), TeamItem::id));
                    part.put("people", byId(people, User::id));
                    part.put("schedules", byId(scheduleDocuments, ScheduleDocument::id));
                    part.put("policies", byId(policyDocuments, EscalationPolicy::id));
                    part.put("services", byId(serviceDefinitions, ServiceDefinition::id));
                    return part;
                });
    }

    private <T> Map<String, JsonNode> byId(List<T> items, Function<T, String> id) {
        Map<String, JsonNode> nodes = new TreeMap<>();
        items.forEach(item -> nodes.put(id.apply(item), node(item)));
        return nodes;
    }

    private JsonNode node(Object item) {
        return ConfigurationDocument.withoutNulls(json.valueToTree(item));
    }

    /** The document's people and services are this part's own, so {@code planning} changes nothing here. */
    @Override
    public Uni<List<ConfigurationChange>> apply(ConfigurationDocument document, boolean planning) {
        FieldErrors errors = new FieldErrors();
        List<Item<TeamItem>> teamItems = read(document, "teams", TeamItem.class, errors);
        List<Item<User>> people = read(document, "people", User.class, errors);
        List<Item<ScheduleDocument>> scheduleItems = read(document, "schedules", ScheduleDocument.class, errors);
        List<Item<EscalationPolicy>> policyItems = read(document, "policies", EscalationPolicy.class, errors);
        List<Item<ServiceDefinition>> serviceItems = read(document, "services", ServiceDefinition.class, errors);
        errors.throwIfAny();
        return running().chain(before -> {
            ConfigurationSteps steps = new ConfigurationSteps();
            Map<String, JsonNode> runningTeams = before.get("teams");
            List<Item<TeamItem>> deferred = new ArrayList<>();
            // Whom the rest names comes first: people, then teams, whose default policy may have to wait for it.
            steps.putChanged(people, before.get("people"), this::node, p -> userApi.put(p.key(), p.value()));
            for (Item<TeamItem> team : teamItems) {
                TeamItem item = team.value();
                String policy = item.defaultPolicy();
                boolean waits = policy != null && !before.get("policies").containsKey(policy);
                if (waits) {
                    deferred.add(team);
                }
                JsonNode was = runningTeams.get(team.key());
                TeamItem now = new TeamItem(team.key(), item.name(), item.timeZone(), item.businessHours(),
                        waits ? null : policy, item.fallbackContact(), item.members());
                if (was == null) {
                    steps.add(team.path(), () -> teamApi.create(now.request(now.defaultPolicy())));
                } else if (!withoutMembers(node(now)).equals(withoutMembers(was))) {
                    steps.add(team.path(), () -> teamApi.update(team.key(), now.request(now.defaultPolicy())));
                }
                members(steps, team, was);
            }
            steps.putChanged(scheduleItems, before.get("schedules"), this::node,
                    s -> scheduleApi.put(s.key(), s.value()));
            steps.putChanged(policyItems, before.get("policies"), this::node, p -> policyApi.put(p.key(), p.value()));
            for (Item<TeamItem> team : deferred) {
                steps.add(team.path() + ".defaultPolicy", () -> teamApi.update(team.key(),
                        team.value().request(team.value().defaultPolicy())));
            }
            steps.putChanged(serviceItems, before.get("services"), this::node,
                    s -> serviceApi.put(s.key(), s.value()));
            // What the document no longer lists goes last, what names others before what they name.
            steps.deleteAbsent(document, "services", serviceItems, before.get("services"), serviceApi::delete);
            steps.deleteAbsent(document, "policies", policyItems, before.get("policies"), policyApi::delete);
            steps.deleteAbsent(document, "schedules", scheduleItems, before.get("schedules"), scheduleApi::delete);
            if (document.has("teams")) {
                // A team leaves with its members, who would otherwise keep it from being deleted.
                List<String> listed = teamItems.stream().map(Item::key).toList();
                runningTeams.keySet().stream().filter(gone -> !listed.contains(gone)).forEach(gone -> {
                    runningTeams.get(gone).path("members").fieldNames().forEachRemaining(person ->
                            steps.add("teams", () -> teamApi.removeMember(gone, person)));
                    steps.add("teams", () -> teamApi.delete(gone));
                });
            }
            steps.deleteAbsent(document, "people", people, before.get("people"), userApi::delete);
            // The directory events are in the outbox once the caller commits; send them then, not at the next poll.
            return steps.runAndCompare(errors, before, this::running).invoke(() -> AfterCommit.register(relay::wake));
        });
    }

    /** Puts the team's members the document gives it and removes those it no longer lists. */
    private void members(ConfigurationSteps steps, Item<TeamItem> team, JsonNode was) {
        Map<String, String> wanted = team.value().membersOrNone();
        JsonNode running = was == null ? null : was.get("members");
        wanted.forEach((person, role) -> {
            JsonNode current = running == null ? null : running.get(person);
            if (current == null || !current.asText().equals(role)) {
                steps.add(team.path() + ".members." + person,
                        () -> teamApi.putMember(team.key(), person, new MemberRequest(role)));
            }
        });
        if (running != null) {
            running.fieldNames().forEachRemaining(person -> {
                if (!wanted.containsKey(person)) {
                    steps.add(team.path() + ".members", () -> teamApi.removeMember(team.key(), person));
                }
            });
        }
    }


    private static JsonNode withoutMembers(JsonNode team) {
        ObjectNode copy = ((ObjectNode) team).deepCopy();
        copy.remove("members");
        return copy;
    }

    private <T> List<Item<T>> read(ConfigurationDocument document, String section, Class<T> type, FieldErrors errors) {
        return ConfigurationSteps.valid(document.items(section, type, reader,
                node -> ConfigurationDocument.text(node, "id"), errors), validator, errors);
    }
}
