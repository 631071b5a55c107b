-- Deadlines are claimed in batches with a lease instead of being held locked while they fire: the
-- claim commits leased_until and lease_token, the module's work (a provider call may take seconds)
-- runs outside any transaction, and its outcome is recorded only while the token still matches.
-- A row whose lease ran out is due again; arming a deadline again clears its lease.
alter table deadlines add column lease_token  uuid;
alter table deadlines add column leased_until timestamptz;

-- The claim looks for one module's due rows, oldest first.
create index deadlines_kind_due on deadlines (kind, due_at);
drop index deadlines_due;
