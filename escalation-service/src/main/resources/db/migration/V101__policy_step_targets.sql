-- Policy steps name a list of targets instead of one ("target" -> "targets": [..]); services'
-- criticality is CRITICAL / HIGH / LOW (USER_FACING was the most critical, INTERNAL the least).
-- Pages already running keep the policy copy they opened with (docs/design.md).
update escalation_policies set body = jsonb_set(body, '{steps}', (
    select coalesce(jsonb_agg(case when step ? 'target'
                                   then (step - 'target') || jsonb_build_object('targets', jsonb_build_array(step -> 'target'))
                                   else step end order by position), '[]'::jsonb)
    from jsonb_array_elements(body -> 'steps') with ordinality as steps(step, position)))
where jsonb_typeof(body -> 'steps') = 'array';

update services set body = jsonb_set(body, '{criticality}', case body ->> 'criticality'
        when 'USER_FACING' then '"CRITICAL"'::jsonb
        when 'INTERNAL' then '"LOW"'::jsonb
        else body -> 'criticality' end)
where body ->> 'criticality' in ('USER_FACING', 'INTERNAL');

-- When a snoozed page comes back, for the pages API; null unless the page is snoozed.
alter table pages add column if not exists snoozed_until timestamptz;
