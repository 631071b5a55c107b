package dev.tocsin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployments as shipped ({@code docker-compose.yml}, {@code deploy/kubernetes}) checked against
 * what each service's configuration reads ({@code application.properties} and the
 * {@code @ConfigMapping} interfaces of the service and of tocsin-eventing): a variable nobody reads
 * is a setting that silently does nothing, a required one left unset a service that does not start.
 */
class DeploySettingsTest {

    private static final Path ROOT = Path.of(System.getProperty("tocsin.root", "..")).toAbsolutePath().normalize();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern METHOD = Pattern.compile("(?m)^\\s+[\\w.<>?, \\[\\]]+\\s+(\\w+)\\(\\);");
    private static final Pattern COMPOSE_VALUE = Pattern.compile("\\$\\{(\\w+)(?::?([-?])(.*))?}");
    /**
     * Kafka client settings every service hands to SmallRye's channels and to each client it makes
     * ({@code KafkaClients}): {@code kafka.*} given as environment variables.
     */
    private static final Pattern KAFKA_SECURITY = Pattern.compile(
            "KAFKA_(SECURITY_PROTOCOL|SASL_\\w+|SSL_\\w+|TLS_CONFIGURATION_NAME)");

    /**
     * What one service's configuration reads from the environment.
     *
     * @param references the variables its properties name ({@code ${SMTP_PORT:2525}}), which are its documented settings
     * @param variables those and every property key of its {@code application.properties} in environment form
     * @param required references without a default
     * @param mappings the environment form of each {@code @ConfigMapping} prefix, with its keys'
     */
    record Reads(Set<String> references, Set<String> variables, Set<String> required,
            Map<String, Set<String>> mappings) {

        boolean reads(String variable) {
            if (variables.contains(variable) || KAFKA_SECURITY.matcher(variable).matches()) {
                return true;
            }
            // A @ConfigMapping key set directly, e.g. TOCSIN_NOTIFIER_MAX_ATTEMPTS.
            return mappings.entrySet().stream().anyMatch(m -> variable.startsWith(m.getKey() + "_")
                    && m.getValue().stream().anyMatch(key -> variable.endsWith("_" + key)));
        }
    }

    static Stream<Arguments> deployments() {
        List<Arguments> cases = new ArrayList<>();
        compose().forEach((service, env) -> cases.add(Arguments.of("docker-compose.yml", service, env)));
        kubernetes().forEach((service, env) -> cases.add(Arguments.of("deploy/kubernetes", service, env)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void everyVariableADeploymentSetsIsReadByItsService(String deployment, String service, Map<String, String> env) {
        Reads reads = reads(service);
        List<String> unread = env.keySet().stream().filter(v -> !reads.reads(v)).sorted().toList();
        assertEquals(List.of(), unread, deployment + " sets for " + service + " what it never reads");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void everyVariableAServiceRequiresIsSet(String deployment, String service, Map<String, String> env) {
        for (String variable : reads(service).required()) {
            assertTrue(env.containsKey(variable), deployment + " leaves " + variable + " of " + service + " unset");
            // Compose's ${X:-} would start the service with an empty value; ${X:?message} refuses to start.
            assertFalse(env.get(variable).matches("\\$\\{\\w+(:?-.*)?}"),
                    deployment + " may leave " + variable + " of " + service + " empty: " + env.get(variable));
        }
    }

    @Test
    void theDeploymentsCoverEveryService() {
        assertEquals(Set.copyOf(Stack.SERVICES), compose().keySet());
        assertEquals(Set.copyOf(Stack.SERVICES), kubernetes().keySet());
    }

    /** The notifier's settings: implicit TLS is port 465's, STARTTLS port 587's; mixed, no mail leaves. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theNotifiersSmtpTlsFitsItsPort(String deployment, String service, Map<String, String> env) {
        if (!service.equals("notifier-service")) {
            return;
        }
        String port = composeDefault(env.getOrDefault("SMTP_PORT", "2525"));
        boolean tls = composeDefault(env.getOrDefault("SMTP_TLS", "false")).equals("true");
        String startTls = composeDefault(env.getOrDefault("SMTP_START_TLS", "DISABLED"));
        switch (port) {
            case "465" -> assertTrue(tls && startTls.equals("DISABLED"), deployment + ": port 465 wants SMTP_TLS=true");
            case "587" -> assertTrue(!tls && startTls.equals("REQUIRED"),
                    deployment + ": port 587 wants SMTP_START_TLS=REQUIRED, not SMTP_TLS=true");
            default -> assertFalse(tls && !startTls.equals("DISABLED"), deployment + ": TLS and STARTTLS at once");
        }
    }

    @Test
    void everyVariableAServiceReadsIsDocumented() throws IOException {
        StringBuilder docs = new StringBuilder(Files.readString(ROOT.resolve("README.md")))
                .append(Files.readString(ROOT.resolve("deploy/README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                docs.append(Files.readString(file));
            }
        }
        Set<String> undocumented = new TreeSet<>();
        for (String service : Stack.SERVICES) {
            reads(service).references().stream().filter(v -> !docs.toString().contains("`" + v))
                    .forEach(undocumented::add);
        }
        assertEquals(Set.of(), undocumented, "read by a service, named in no README or docs/ page");
    }

    /** The variables {@code service} reads: references in its properties, and its own keys in their environment form. */
    static Reads reads(String service) {
        Set<String> references = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (String line : lines(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            variables.add(environmentForm(line.substring(0, line.indexOf('=')).trim().replaceFirst("^%\\w+\\.", "")));
            Matcher reference = REFERENCE.matcher(line);
            while (reference.find()) {
                references.add(reference.group(1));
                if (reference.group(2).isEmpty()) {
                    required.add(reference.group(1));
                }
            }
        }
        Map<String, Set<String>> mappings = new LinkedHashMap<>();
        for (Path source : javaSources(service, "tocsin-eventing")) {
            String text = read(source);
            Matcher mapping = MAPPING.matcher(text);
            if (mapping.find()) {
                Set<String> keys = mappings.computeIfAbsent(environmentForm(mapping.group(1)), p -> new TreeSet<>());
                Matcher method = METHOD.matcher(text);
                while (method.find()) {
                    keys.add(environmentForm(method.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2")));
                }
            }
        }
        variables.addAll(references);
        return new Reads(references, variables, required, mappings);
    }

    /** Each service's environment in docker-compose.yml, merge keys resolved. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> compose() {
        Map<String, Object> compose = new Yaml().load(read(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            if (Stack.SERVICES.contains(name)) {
                Map<String, String> env = new LinkedHashMap<>();
                ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                        .forEach((k, v) -> env.put(k, String.valueOf(v)));
                envs.put(name, env);
            }
        });
        return envs;
    }

    /**
     * Each service's environment in deploy/kubernetes: its Deployment's {@code env}, the ConfigMaps
     * it takes whole, and the Secrets it takes whole as deploy/README.md creates them.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> kubernetes() {
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        List<Map<String, Object>> deployments = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(read(file))) {
                    Map<String, Object> object = (Map<String, Object>) document;
                    if (object == null) {
                        continue;
                    }
                    switch (String.valueOf(object.get("kind"))) {
                        case "ConfigMap" -> configMaps.put((String) ((Map<String, Object>) object.get("metadata")).get("name"),
                                stringMap((Map<String, Object>) object.get("data")));
                        case "Deployment" -> deployments.add(object);
                        default -> {
                            // Services, the Kustomization: no environment.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> secrets = secretsOfTheReadme();
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
                    .get("spec")).get("template")).get("spec");
            Map<String, String> env = new LinkedHashMap<>();
            for (Map<String, Object> container : (List<Map<String, Object>>) spec.get("containers")) {
                for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                    from.forEach((kind, ref) -> {
                        String name = (String) ((Map<String, Object>) ref).get("name");
                        Map<String, String> source = (kind.equals("configMapRef") ? configMaps : secrets).get(name);
                        assertTrue(source != null, deployment + " takes " + kind + " " + name + ", which nothing defines");
                        env.putAll(source);
                    });
                }
                for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                    env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
                }
            }
            envs.put((String) ((Map<String, Object>) deployment.get("metadata")).get("name"), env);
        }
        return envs;
    }

    /** The Secrets deploy/README.md tells an operator to create: {@code kubectl create secret generic <name> --from-literal=K=…}. */
    private static Map<String, Map<String, String>> secretsOfTheReadme() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        Matcher command = Pattern.compile("kubectl create secret generic ([\\w-]+)((?:[^\\n]*\\\\\\n)*[^\\n]*)")
                .matcher(read(ROOT.resolve("deploy/README.md")));
        while (command.find()) {
            Map<String, String> keys = new LinkedHashMap<>();
            Matcher literal = Pattern.compile("--from-literal=(\\w+)=").matcher(command.group(2));
            while (literal.find()) {
                keys.put(literal.group(1), "(secret)");
            }
            secrets.put(command.group(1), keys);
        }
        return secrets;
    }

    /** {@code ${X:-d}} as compose resolves it without X in the environment; anything else as it is. */
    private static String composeDefault(String value) {
        Matcher m = COMPOSE_VALUE.matcher(value);
        return m.matches() && "-".equals(m.group(2)) ? m.group(3) : value;
    }

    private static String environmentForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        }
        return strings;
    }

    private static List<Path> javaSources(String... modules) {
        List<Path> sources = new ArrayList<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** Logical lines: a trailing backslash continues a properties line. */
    private static List<String> lines(Path file) {
        return List.of(read(file).replaceAll("\\\\\\n\\s*", "").split("\\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
