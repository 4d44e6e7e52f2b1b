-- An answer given through a team link is claimed by the browser that sent it: the hash of that
-- browser's random claim cookie (never the cookie itself). Only the same browser, the line's
-- personal link or an account may change such an answer afterwards.
alter table confirmation add column claim_hash text check (claim_hash is null or length(claim_hash) = 64);
