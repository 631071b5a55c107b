-- A contact method a person adds themself is verified with a code sent through it before pages use
-- it. Methods from before, and those the deployment's admin sets (the API or the configuration
-- document), count as verified: the admin vouches for them. The code is kept as a SHA-256 hash.
alter table contact_methods add column verified boolean not null default true;
alter table contact_methods add column verification_code text;
alter table contact_methods add column verification_expires_at timestamptz;
alter table contact_methods add column verification_attempts integer not null default 0;
