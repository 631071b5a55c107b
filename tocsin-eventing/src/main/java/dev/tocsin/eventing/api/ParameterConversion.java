package dev.tocsin.eventing.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Finds which parameter of a resource method could not be converted ({@code limit=abc} for an
 * {@code int}), since the framework reports only that one failed, so the 400 can name it.
 */
final class ParameterConversion {

    private ParameterConversion() {
    }

    static List<Problem.FieldError> failed(Method method, UriInfo uri, MultivaluedMap<String, String> headers) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (method == null) {
            return errors;
        }
        for (Parameter p : method.getParameters()) {
            String name;
            List<String> values;
            if (p.isAnnotationPresent(QueryParam.class)) {
                name = p.getAnnotation(QueryParam.class).value();
                values = uri.getQueryParameters().get(name);
            } else if (p.isAnnotationPresent(PathParam.class)) {
                name = p.getAnnotation(PathParam.class).value();
                values = uri.getPathParameters().get(name);
            } else if (p.isAnnotationPresent(HeaderParam.class)) {
                name = p.getAnnotation(HeaderParam.class).value();
                values = headers.get(name);
            } else {
                continue;
            }
            Class<?> type = elementType(p);
            for (String value : values == null ? List.<String>of() : values) {
                if (!converts(type, value)) {
                    errors.add(new Problem.FieldError(name, JsonProblems.expected(type)));
                    break;
                }
            }
        }
        return errors;
    }

    private static Class<?> elementType(Parameter p) {
        if (Collection.class.isAssignableFrom(p.getType()) && p.getParameterizedType() instanceof ParameterizedType t
                && t.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return p.getType();
    }

    private static boolean converts(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value.strip());
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value.strip());
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value.strip());
            } else if (type == boolean.class || type == Boolean.class) {
                return List.of("true", "false").contains(value.strip().toLowerCase(Locale.ROOT));
            } else if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.toString().equals(value));
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type == Instant.class) {
                Instant.parse(value);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
