package dev.tocsin.testing;

/** Where a PostgreSQL database is, in the two URL forms the services need. */
public record Database(String host, int port, String name, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** Reads a JDBC URL like {@code jdbc:postgresql://host:5432/tocsin}. */
    public static Database fromJdbcUrl(String jdbcUrl, String username, String password) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String name = slash < 0 ? "postgres" : rest.substring(slash + 1).replaceFirst("\\?.*$", "");
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        return new Database(host, port, name, username, password);
    }
}
