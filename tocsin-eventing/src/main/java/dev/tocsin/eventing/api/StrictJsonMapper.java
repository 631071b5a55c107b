package dev.tocsin.eventing.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON reader of every HTTP body refuses anything after the one value a body holds
 * ({@code {...}}{"x":}), which it would otherwise ignore, so a truncated or doubled document is
 * never half taken. Durations are written as ISO-8601 ({@code PT5M}), as they are read, so what a
 * GET answers can be put back unchanged, not as seconds ({@code 300.000000000}).
 */
@Singleton
public class StrictJsonMapper implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
