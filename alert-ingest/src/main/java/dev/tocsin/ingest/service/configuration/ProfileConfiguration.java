package dev.tocsin.ingest.service.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.config.ConfigurationChange;
import dev.tocsin.eventing.config.ConfigurationDocument;
import dev.tocsin.eventing.config.ConfigurationDocument.Item;
import dev.tocsin.eventing.config.ConfigurationPart;
import dev.tocsin.eventing.config.ConfigurationSteps;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.ingest.service.ProfileDocument;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.ingest.silence.MatcherConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * alert-ingest's part of the configuration document: {@code serviceProfiles}, each the body of
 * {@code PUT /api/v1/services/{id}} with its id, read and checked by the same {@link ProfileDocument}.
 * A profile must name a service of the directory; while planning, the services the same document
 * defines count as known, since the directory learns of them only once escalation-service's part
 * is applied.
 */
@Singleton
public class ProfileConfiguration implements ConfigurationPart {

    private static final String SECTION = "serviceProfiles";

    private final ServiceProfileStore profiles;
    private final MatcherConfig matchers;
    private final DirectoryReferences directory;
    private final ObjectMapper json;
    private final ObjectMapper reader;

    ProfileConfiguration(ServiceProfileStore profiles, MatcherConfig matchers, DirectoryReferences directory,
            ObjectMapper json) {
        this.profiles = profiles;
        this.matchers = matchers;
        this.directory = directory;
        this.json = json;
        this.reader = ConfigurationDocument.reader(json);
    }

    @Override
    public Uni<Map<String, Map<String, JsonNode>>> running() {
        return Paged.all(profiles::list, p -> Cursor.of(p.id())).map(all -> {
            Map<String, JsonNode> items = new TreeMap<>();
            all.forEach(profile -> items.put(profile.id(), node(profile)));
            return Map.of(SECTION, items);
        });
    }

    private JsonNode node(ServiceProfile profile) {
        return ConfigurationDocument.withoutNulls(json.valueToTree(ProfileDocument.of(profile)));
    }

    @Override
    public Uni<List<ConfigurationChange>> apply(ConfigurationDocument document, boolean planning) {
        FieldErrors errors = new FieldErrors();
        List<Item<ProfileDocument>> items = document.items(SECTION, ProfileDocument.class, reader,
                node -> ConfigurationDocument.text(node, "id"), errors);
        List<Item<ServiceProfile>> checked = new ArrayList<>();
        for (Item<ProfileDocument> item : items) {
            FieldErrors mine = errors.under(item.path());
            ServiceProfile profile = item.value().toProfile(item.key(), mine, matchers.maxValueLength());
            if (mine.size() == 0) {
                checked.add(new Item<>(item.path(), item.key(), profile));
            }
        }
        return directory.unknownServices(checked.stream().map(Item::key).toList()).chain(unknown -> {
            Set<String> missing = document.stillUnknown(unknown, "services", planning);
            checked.stream().filter(item -> missing.contains(item.key()))
                    .forEach(item -> errors.add(item.path() + ".id", DirectoryReferences.unknown("service", item.key())));
            errors.throwIfAny();
            return running();
        }).chain(before -> {
            ConfigurationSteps steps = new ConfigurationSteps();
            steps.sync(document, SECTION, checked, before.get(SECTION), this::node, profiles::put, profiles::delete);
            return steps.runAndCompare(errors, before, this::running);
        });
    }
}
