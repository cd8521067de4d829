-- Searches by recipient (queue listing, tracking) compare lower-cased addresses: without this index
-- a search for one person's mail read every recipient of the table.
create index message_recipient_address on message_recipient (lower(address));
