package dev.tocsin.ingest.service;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.events.EventJson;
import dev.tocsin.ingest.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Reads service profiles with plain JDBC, for the pipeline, which runs on a worker thread in its own transaction. */
public final class ServiceProfiles {

    private static final String SELECT = "select id, cast(profile as text) from service_profiles where id = any (?)";

    private ServiceProfiles() {
    }

    /** The profiles of those of {@code serviceIds} that have one; a service without a profile is absent. */
    public static Map<String, ServiceProfile> load(Connection c, Collection<String> serviceIds) throws SQLException {
        Map<String, ServiceProfile> profiles = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return profiles;
        }
        try (PreparedStatement statement = c.prepareStatement(SELECT)) {
            statement.setArray(1, Jdbc.texts(c, serviceIds));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    profiles.put(row.getString(1), read(row.getString(1), row.getString(2)));
                }
            }
        }
        return profiles;
    }

    /** A stored profile document; it was valid when written, so an error here is a defect, not bad input. */
    static ServiceProfile read(String id, String json) {
        FieldErrors errors = new FieldErrors();
        ServiceProfile profile = EventJson.read(json, ProfileDocument.class).toProfile(id, errors);
        if (profile == null) {
            throw new IllegalStateException("stored profile of " + id + " no longer validates: " + json);
        }
        return profile;
    }

    static String write(ServiceProfile profile) {
        return EventJson.write(ProfileDocument.of(profile));
    }
}
