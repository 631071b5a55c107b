package dev.tocsin.bench;

import java.util.Locale;

/**
 * Entry point of the load generator for alert-ingest's benchmark. One mode per run:
 * {@code am-v2} and {@code pagerduty} post HTTP batches, {@code signals} feeds the decision stage
 * straight through Kafka, {@code pages} feeds escalation-service new alerts through Kafka,
 * {@code provider} times alerts through the whole pipeline to a push. Every run
 * is bounded in time and count and targets loopback only.
 */
public final class LoadGenerator {

    private static final String USAGE = """
            usage: java -jar bench/load-generator/target/tocsin-load-generator.jar MODE [--option value ...]

            am-v2       POST Alertmanager API v2 batches to /api/v2/alerts
            pagerduty   POST PagerDuty Events v2 trigger events to /v2/enqueue
              --url http://127.0.0.1:8081   target (loopback only)
              --key KEY                     sent as 'Authorization: Bearer KEY' (and as routing_key)
              --batch 1                     alerts per request (am-v2; pagerduty is always 1)
              --identities 10000            distinct alert identities, cycled; 'new' (am-v2): every
                                            request's alerts are new, none ever repeats in the run
              --rate 0                      alerts/s, open loop; 0 = as fast as the connections allow
              --connections 16              concurrent requests
              --duration 10                 measured seconds (max 600)
              --warmup 3                    seconds sent first and not measured
              --max-alerts 0                stop after this many alerts (0 = no count bound)
              --run ID                      value of the bench_run label (default: random)

            signals     produce AlertSignalReceived records to tocsin.alert-signals and time the drain
              --bootstrap 127.0.0.1:19092   Kafka
              --signals 1000000 --keys 10000
              --group alert-ingest          alert-ingest's consumer group
              --metrics-url http://127.0.0.1:8081/q/metrics
              --ingest-pid PID              if given, 'jcmd PID GC.run' before the first and last heap sample
              --jdbc-url jdbc:postgresql://127.0.0.1:15432/tocsin --db-user postgres --db-password postgres
              --timeout 1800                seconds the whole run may take

            pages       publish new PAGE alerts on tocsin.alerts at a steady rate and time each one to
                        its first notify request (escalation-service opening pages); resolves them after
              --bootstrap 127.0.0.1:19092
              --service bench               the service the alerts are for (it needs a policy)
              --rate 200                    alerts/s, open loop
              --warmup 10 --duration 60     seconds sent first and not measured; measured seconds
              --settle 60                   seconds to wait afterwards for the last notify requests

            provider    POST new alerts to alert-ingest at a steady rate, listen as the ntfy server of the
                        paged person's push topic, and time each alert to its push (the whole pipeline)
              --url http://127.0.0.1:8081 --key KEY   alert-ingest and an integration key of --service
              --service bench-push          its policy pages a person whose push topic is on --ntfy-port
              --ntfy-port 18091             where this listens as ntfy (loopback)
              --bootstrap 127.0.0.1:19092   Kafka, for the time each stage took
              --rate 200 --warmup 10 --duration 60 --settle 60

            drain       wait until alert-ingest's consumer group has decided every signal on the topic
              --bootstrap 127.0.0.1:19092 --group alert-ingest --timeout 600

            settle      wait until every consumer group on the broker (all four services) is at the end
                        of every partition it reads
              --bootstrap 127.0.0.1:19092 --timeout 600
            """;

    private LoadGenerator() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        try {
            Args args = new Args(argv, 1);
            switch (argv[0].toLowerCase(Locale.ROOT)) {
                case "am-v2" -> HttpLoad.alertmanager(args).run();
                case "pagerduty" -> HttpLoad.pagerDuty(args).run();
                case "signals" -> new SignalLoad(args).run();
                case "pages" -> new PageLoad(args).run();
                case "provider" -> new ProviderLoad(args).run();
                case "drain" -> SignalLoad.drain(args);
                case "settle" -> Settle.run(args);
                default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("load-generator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        System.exit(0);
    }
}
