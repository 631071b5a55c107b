package dev.tocsin.notifier.contact;

import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.delivery.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** One way to reach a person: an email address today; phone numbers and push devices later. */
@Entity
@Table(name = "contact_methods")
@IdClass(ContactMethod.Key.class)
public class ContactMethod extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;
    /** Chosen by whoever configures it (e.g. {@code work-email}); unique per person. */
    @Id
    public String id;
    @Enumerated(EnumType.STRING)
    public Channel type;
    public String address;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A person's contact methods in a stable order. */
    public static Uni<List<ContactMethod>> ofUser(String userId) {
        return list("userId = ?1 order by id", userId);
    }

    /** The contact methods of each of {@code userIds} that has any, each list in a stable order, read in one query. */
    public static Uni<Map<String, List<ContactMethod>>> ofUsers(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ContactMethod.<ContactMethod>list("userId in ?1 order by userId, id", List.copyOf(Set.copyOf(userIds)))
                .map(methods -> methods.stream().collect(Collectors.groupingBy(m -> m.userId)));
    }

    /** One page of the person's contact methods in id order, after the cursor's id. */
    public static Uni<List<ContactMethod>> ofUser(String userId, PageRequest page) {
        PanacheQuery<ContactMethod> query = page.after().isEmpty() ? find("userId = ?1 order by id", (Object) userId)
                : find("userId = ?1 and id > ?2 order by id", userId, page.after().get().string(0));
        return query.range(0, page.fetch() - 1).list();
    }

    public static Uni<ContactMethod> find(String userId, String id) {
        return findById(new Key(userId, id));
    }

    /** What {@link #put} left: the stored method, and whether it was new. */
    public record Put(ContactMethod method, boolean created) {
    }

    /**
     * Creates or replaces the person's contact method {@code id}, its address already checked
     * ({@code Addresses}); must run inside {@code Panache.withTransaction}.
     */
    public static Uni<Put> put(String userId, String id, Channel type, String address, Instant at) {
        return find(userId, id).chain(existing -> {
            ContactMethod method = existing == null ? new ContactMethod() : existing;
            method.userId = userId;
            method.id = id;
            method.type = type;
            method.address = address;
            method.updatedAt = at;
            if (existing == null) {
                method.createdAt = at;
            }
            return method.<ContactMethod>persist().map(saved -> new Put(saved, existing == null));
        });
    }

    /** The composite primary key: a contact method's id is unique per person. */
    public static class Key implements Serializable {
        public String userId;
        public String id;

        public Key() {
        }

        public Key(String userId, String id) {
            this.userId = userId;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(userId, key.userId) && Objects.equals(id, key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, id);
        }
    }
}
