-- every token carries the version current when it was signed; raising it (sign-out, a new
-- password, a disabled account, removed administration) ends every session of the user at once
ALTER TABLE app_user ADD COLUMN session_version INT NOT NULL DEFAULT 0;
