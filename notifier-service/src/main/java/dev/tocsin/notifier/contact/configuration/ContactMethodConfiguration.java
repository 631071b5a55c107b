package dev.tocsin.notifier.contact.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.config.ConfigurationChange;
import dev.tocsin.eventing.config.ConfigurationDocument;
import dev.tocsin.eventing.config.ConfigurationDocument.Item;
import dev.tocsin.eventing.config.ConfigurationPart;
import dev.tocsin.eventing.config.ConfigurationSteps;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.PanacheAudit;
import dev.tocsin.notifier.contact.Addresses;
import dev.tocsin.notifier.contact.ContactMethod;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * notifier-service's part of the configuration document: {@code contactMethods}, each checked as
 * {@code PUT /api/v1/users/{person}/contact-methods/{id}} checks it (the address for its type,
 * the ids, a person of the directory; while planning, the people the same document defines count
 * as known). Contact methods are Panache entities, so the part runs in a Hibernate Reactive
 * transaction, marked for rollback when it only plans.
 */
@Singleton
public class ContactMethodConfiguration implements ConfigurationPart {

    private static final String SECTION = "contactMethods";

    private final DirectoryReferences directory;
    private final Validator validator;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectMapper reader;

    private final NotifierConfig config;

    ContactMethodConfiguration(DirectoryReferences directory, Validator validator, Clock clock, ObjectMapper json,
            NotifierConfig config) {
        this.config = config;
        this.directory = directory;
        this.validator = validator;
        this.clock = clock;
        this.json = json;
        this.reader = ConfigurationDocument.reader(json);
    }

    @Override
    public <T> Uni<T> transaction(Supplier<Uni<T>> work, boolean rollBack) {
        return Panache.withTransaction(() -> work.get().call(result -> rollBack
                ? Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback)
                : PanacheAudit.write()));
    }

    @Override
    public Uni<Map<String, Map<String, JsonNode>>> running() {
        return Panache.withSession(() -> ContactMethod.<ContactMethod>listAll(Sort.by("userId").and("id")))
                .map(all -> {
                    Map<String, JsonNode> items = new TreeMap<>();
                    all.forEach(m -> {
                        ContactMethodItem item = new ContactMethodItem(m.userId, m.id, m.type, m.address);
                        items.put(item.key(), node(item));
                    });
                    return Map.of(SECTION, items);
                });
    }

    private JsonNode node(ContactMethodItem item) {
        return ConfigurationDocument.withoutNulls(json.valueToTree(item));
    }

    @Override
    public Uni<List<ConfigurationChange>> apply(ConfigurationDocument document, boolean planning) {
        FieldErrors errors = new FieldErrors();
        List<Item<ContactMethodItem>> read = ConfigurationSteps.valid(document.items(SECTION, ContactMethodItem.class,
                reader, node -> ConfigurationDocument.text(node, "person") + "/" + ConfigurationDocument.text(node, "id"),
                errors), validator, errors);
        List<Item<ContactMethodItem>> checked = new ArrayList<>();
        for (Item<ContactMethodItem> item : read) {
            FieldErrors mine = errors.under(item.path());
            ContactMethodItem method = item.value();
            PersonIds.check(method.person(), "person", mine);
            try {
                Addresses.checkId("id", method.id());
                String address = Addresses.check(method.type(), method.address(), config.ntfy().servers());
                if (mine.size() == 0) {
                    checked.add(new Item<>(item.path(), item.key(),
                            new ContactMethodItem(method.person(), method.id(), method.type(), address)));
                }
            } catch (ProblemException e) {
                ConfigurationSteps.record(item.path(), e.problem(), errors);
            }
        }
        Set<String> people = new HashSet<>();
        checked.forEach(item -> people.add(item.value().person()));
        return directory.unknownPeople(people).chain(unknown -> {
            Set<String> missing = document.stillUnknown(unknown, "people", planning);
            checked.stream().filter(item -> missing.contains(item.value().person())).forEach(item ->
                    errors.add(item.path() + ".person", DirectoryReferences.unknown("person", item.value().person())));
            errors.throwIfAny();
            return running();
        }).chain(before -> {
            ConfigurationSteps steps = new ConfigurationSteps();
            steps.sync(document, SECTION, checked, before.get(SECTION), this::node, this::save, key -> {
                String[] ids = key.split("/", 2);
                return ContactMethod.delete("userId = ?1 and id = ?2", ids[0], ids[1]);
            });
            return steps.runAndCompare(errors, before, this::running);
        });
    }

    private Uni<ContactMethod.Put> save(ContactMethodItem item) {
        return ContactMethod.put(item.person(), item.id(), item.type(), item.address(), clock.instant());
    }
}
