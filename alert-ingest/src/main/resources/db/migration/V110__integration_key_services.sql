-- The services an integration key may post alerts for: its own by default, a list for a sender
-- that serves several teams. Alerts naming any other service are refused at intake.
alter table integration_keys add column services text[];
update integration_keys set services = array[service];
alter table integration_keys alter column services set not null;
