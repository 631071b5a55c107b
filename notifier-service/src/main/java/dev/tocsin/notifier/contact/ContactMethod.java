package dev.tocsin.notifier.contact;

import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.events.delivery.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    /** Whether pages may use it: set by the admin, or confirmed with the code sent through it. */
    public boolean verified;
    /** The SHA-256 of the code sent to verify it, while one is outstanding. */
    @Column(name = "verification_code")
    public String verificationCode;
    @Column(name = "verification_expires_at")
    public Instant verificationExpiresAt;
    /** Wrong codes tried against the outstanding one. */
    @Column(name = "verification_attempts")
    public int verificationAttempts;

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

    /**
     * The people whose contact method of {@code type} is {@code address}, in a session of its own:
     * who a reply or a click comes from. More than one means nobody can tell who acts.
     */
    public static Uni<List<String>> peopleAt(Channel type, String address) {
        return Panache.withSession(() -> ContactMethod.<ContactMethod>list("type = ?1 and address = ?2", type,
                        address == null ? "" : address))
                .map(methods -> methods.stream().map(m -> m.userId).distinct().toList());
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

    /**
     * What {@link #put} left: the stored method, whether it was new, and the verification code to
     * send through it (null when none is needed).
     */
    public record Put(ContactMethod method, boolean created, String code) {
    }

    /**
     * Creates or replaces the person's contact method {@code id}, its address already checked
     * ({@code Addresses}); must run inside {@code Panache.withTransaction}. A method the person
     * sets themself (an email address, a phone number, a push topic or device, a chat member or
     * webhook) is verified only if it was before with the same type and address, and otherwise
     * gets a new code to confirm; one the deployment's admin sets ({@code trusted}) is verified.
     */
    public static Uni<Put> put(String userId, String id, Channel type, String address, Instant at, boolean trusted) {
        return find(userId, id).chain(existing -> {
            ContactMethod method = existing == null ? new ContactMethod() : existing;
            boolean same = existing != null && existing.type == type && existing.address.equals(address);
            method.userId = userId;
            method.id = id;
            method.type = type;
            method.address = address;
            method.updatedAt = at;
            if (existing == null) {
                method.createdAt = at;
            }
            String code = null;
            if (trusted) {
                method.verified = true;
                method.clearCode();
            } else if (!same || !existing.verified) {
                code = method.newCode(at);
            }
            String sent = code;
            return method.<ContactMethod>persist().map(saved -> new Put(saved, existing == null, sent));
        });
    }

    /** Makes it unverified with a new code, valid for {@link Verification#TTL}; returns the code. */
    public String newCode(Instant at) {
        String code = Verification.newCode();
        verified = false;
        verificationCode = Verification.hash(userId, id, code);
        verificationExpiresAt = at.plus(Verification.TTL);
        verificationAttempts = 0;
        return code;
    }

    public void clearCode() {
        verificationCode = null;
        verificationExpiresAt = null;
        verificationAttempts = 0;
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
