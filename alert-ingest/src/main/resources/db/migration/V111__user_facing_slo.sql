-- The user-facing SLO an alert is tied to, published on AlertTriggered for incident-service's
-- users-affected rule; null for alerts opened before it.
alter table alerts add column user_facing_slo text;
