package dev.tocsin.notifier.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tocsin.eventing.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The notification rules one person set, replaced whole; a person without any gets the defaults. */
@Entity
@Table(name = "notification_rules")
public class NotificationRuleSet extends PanacheEntityBase {

    // Durations as ISO-8601 text, as the API shows them.
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final TypeReference<List<NotificationRule>> RULES = new TypeReference<>() {
    };

    @Id
    @Column(name = "user_id")
    public String userId;
    /** The rules as JSON, in order. */
    @Column(name = "rules")
    public String json;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Transient
    public List<NotificationRule> rules() {
        try {
            return JSON.readValue(json, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification rules of " + userId + " are not readable", e);
        }
    }

    public static Uni<NotificationRuleSet> of(String userId) {
        return findById(userId);
    }

    /** The rules of each of {@code userIds} that set any, in one query. */
    public static Uni<Map<String, List<NotificationRule>>> ofUsers(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NotificationRuleSet.<NotificationRuleSet>list("userId in ?1", List.copyOf(Set.copyOf(userIds)))
                .map(sets -> sets.stream().collect(Collectors.toMap(set -> set.userId, NotificationRuleSet::rules)));
    }

    /** Creates or replaces the person's rules, already checked; must run inside {@code Panache.withTransaction}. */
    public static Uni<NotificationRuleSet> put(String userId, List<NotificationRule> rules, Instant at) {
        return of(userId).chain(existing -> {
            NotificationRuleSet set = existing == null ? new NotificationRuleSet() : existing;
            set.userId = userId;
            try {
                set.json = JSON.writeValueAsString(rules);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            set.updatedAt = at;
            return set.persist();
        });
    }

    /**
     * Fails with a 409 while the person's rules name their contact method {@code contactMethodId}:
     * removing it would silently drop a step of them.
     */
    public static Uni<Void> requireUnnamed(String userId, String contactMethodId) {
        return of(userId).invoke(set -> {
            if (set != null && set.names(contactMethodId)) {
                throw new ProblemException(409, "Conflict", "contact method " + contactMethodId + " of " + userId
                        + " is named by their notification rules; change the rules first");
            }
        }).replaceWithVoid();
    }

    /** Whether any rule of the person names their contact method {@code contactMethodId}. */
    public boolean names(String contactMethodId) {
        return rules().stream().anyMatch(rule -> rule.contactMethod().equals(contactMethodId));
    }
}
