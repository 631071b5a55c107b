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
import dev.tocsin.notifier.rules.NotificationRuleSet;
import dev.tocsin.notifier.rules.configuration.NotificationRulesItem;
import dev.tocsin.notifier.rules.rest.NotificationRuleResource;
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
 * as known), and {@code notificationRules}, each checked as {@code PUT
 * /api/v1/users/{person}/notification-rules} checks it. Both are Panache entities, so the part runs
 * in a Hibernate Reactive transaction, marked for rollback when it only plans.
 */
@Singleton
public class ContactMethodConfiguration implements ConfigurationPart {

    private static final String SECTION = "contactMethods";
    private static final String RULES = "notificationRules";

    private final DirectoryReferences directory;
    private final Validator validator;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectMapper reader;

    private final NotifierConfig config;
    private final NotificationRuleResource rules;

    ContactMethodConfiguration(DirectoryReferences directory, Validator validator, Clock clock, ObjectMapper json,
            NotifierConfig config, NotificationRuleResource rules) {
        this.config = config;
        this.rules = rules;
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
        return Panache.withSession(() -> ContactMethod.<ContactMethod>listAll(Sort.by("userId").and("id"))
                .chain(all -> NotificationRuleSet.<NotificationRuleSet>listAll(Sort.by("userId")).map(sets -> {
                    Map<String, JsonNode> methods = new TreeMap<>();
                    all.forEach(m -> {
                        ContactMethodItem item = new ContactMethodItem(m.userId, m.id, m.type, m.address);
                        methods.put(item.key(), node(item));
                    });
                    Map<String, JsonNode> ruleSets = new TreeMap<>();
                    sets.forEach(set -> ruleSets.put(set.userId, node(new NotificationRulesItem(set.userId, set.rules()))));
                    return Map.of(SECTION, methods, RULES, ruleSets);
                })));
    }

    private JsonNode node(Object item) {
        return ConfigurationDocument.withoutNulls(json.valueToTree(item));
    }

    @Override
    public Uni<List<ConfigurationChange>> apply(ConfigurationDocument document, boolean planning) {
        FieldErrors errors = new FieldErrors();
        List<Item<ContactMethodItem>> read = ConfigurationSteps.valid(document.items(SECTION, ContactMethodItem.class,
                reader, node -> ConfigurationDocument.text(node, "person") + "/" + ConfigurationDocument.text(node, "id"),
                errors), validator, errors);
        List<Item<NotificationRulesItem>> ruleSets = ConfigurationSteps.valid(document.items(RULES,
                NotificationRulesItem.class, reader, node -> ConfigurationDocument.text(node, "person"), errors),
                validator, errors);
        List<Item<ContactMethodItem>> checked = new ArrayList<>();
        for (Item<ContactMethodItem> item : read) {
            FieldErrors mine = errors.under(item.path());
            ContactMethodItem method = item.value();
            PersonIds.check(method.person(), "person", mine);
            try {
                Addresses.checkId("id", method.id());
                String address = Addresses.check(method.type(), method.address(), config);
                if (mine.size() == 0) {
                    checked.add(new Item<>(item.path(), item.key(),
                            new ContactMethodItem(method.person(), method.id(), method.type(), address)));
                }
            } catch (ProblemException e) {
                ConfigurationSteps.record(item.path(), e.problem(), errors);
            }
        }
        ruleSets.forEach(item -> PersonIds.check(item.value().person(), "person", errors.under(item.path())));
        Set<String> people = new HashSet<>();
        checked.forEach(item -> people.add(item.value().person()));
        return directory.unknownPeople(people).chain(unknown -> {
            Set<String> missing = document.stillUnknown(unknown, "people", planning);
            checked.stream().filter(item -> missing.contains(item.value().person())).forEach(item ->
                    errors.add(item.path() + ".person", DirectoryReferences.unknown("person", item.value().person())));
            errors.throwIfAny();
            return running();
        }).chain(before -> {
            // Methods first, so rules can name new ones; rules next, so methods they stop naming can go.
            ConfigurationSteps steps = new ConfigurationSteps();
            steps.putChanged(checked, before.get(SECTION), this::node, item -> save(item.value()));
            steps.sync(document, RULES, ruleSets, before.get(RULES), this::node,
                    item -> rules.save(item.person(), item.rules()),
                    person -> NotificationRuleSet.delete("userId", person));
            steps.deleteAbsent(document, SECTION, checked, before.get(SECTION), key -> {
                String[] ids = key.split("/", 2);
                return NotificationRuleSet.requireUnnamed(ids[0], ids[1])
                        .chain(() -> ContactMethod.delete("userId = ?1 and id = ?2", ids[0], ids[1]));
            });
            return steps.runAndCompare(errors, before, this::running);
        });
    }

    private Uni<ContactMethod.Put> save(ContactMethodItem item) {
        // Only the deployment's admin applies a document: what it sets is vouched for, and verified.
        return ContactMethod.put(item.person(), item.id(), item.type(), item.address(), clock.instant(), true);
    }
}
