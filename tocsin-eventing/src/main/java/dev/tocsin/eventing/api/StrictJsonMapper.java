package dev.tocsin.eventing.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON reader of every HTTP body refuses anything after the one value a body holds
 * ({@code {...}}{"x":}), which it would otherwise ignore, so a truncated or doubled document is
 * never half taken.
 */
@Singleton
public class StrictJsonMapper implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
