-- The short code each person replies with to act on a page from an SMS ("12a" acknowledges page
-- 12 of theirs). A code is the person's, not global, so it stays short; the 99 codes of a person
-- are reused oldest first.
create table reply_codes (
    user_id   text        not null,
    code      integer     not null check (code between 1 and 99),
    page_id   text        not null,
    alert_id  text,
    issued_at timestamptz not null,
    primary key (user_id, code)
);
create unique index reply_codes_page on reply_codes (user_id, page_id);
