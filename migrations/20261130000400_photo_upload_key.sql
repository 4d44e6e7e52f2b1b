-- A photo queued on a phone carries a key (its draft's key and its place in the queue), so an
-- upload retried after a lost response finds the photo already kept instead of adding it twice.
alter table photo
    add column upload_key text check (length(upload_key) between 1 and 100),
    add constraint photo_upload_key unique (meeting_id, upload_key);
