-- A technical check may pass with a warning (the onboarding DNS checks): shown, never blocking.
alter table change_request_check add column warning boolean not null default false;
