-- A password an admin sets is a one-time password (issue #13, finding 12; #18 point 14): the
-- account must choose its own at the next sign-in, so the admin never knows the final one. When
-- the admin last set it is kept, so a verification that follows an admin reset can be shown.
alter table app_user add column must_change_password boolean not null default false;
alter table app_user add column password_set_by_admin_at timestamptz;
