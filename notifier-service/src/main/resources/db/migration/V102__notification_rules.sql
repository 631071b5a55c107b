-- A person's notification rules: which of their contact methods is notified how long after a
-- notify request, in order. One row per person who set any; a person without a row gets the
-- defaults (NotificationRules.defaults). rules is the JSON list the API takes, kept whole because
-- it is only ever read and replaced whole.
create table notification_rules (
    user_id    text        primary key,
    rules      text        not null,
    updated_at timestamptz not null
);
