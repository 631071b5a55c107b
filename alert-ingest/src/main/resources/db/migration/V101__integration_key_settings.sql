-- Per-key intake settings. The signing secret verifies Grafana's HMAC signature, so it must be
-- kept as given (a hash could not verify anything); the API never returns it.
alter table integration_keys
    add column signing_secret        text,
    add column signature_header      text,
    add column timestamp_header      text,
    add column rate_limit_per_minute integer check (rate_limit_per_minute > 0);
