-- The Portos dialect's view of a customer: validity, card-holder data, rates, meta, a resource
-- version `_v` bumped by every change (through any dialect, the window, a card or a credit entry),
-- and a trigram index for its `Search` (partial, case-insensitive, fast on a million customers).

ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN activation_at TEXT;
ALTER TABLE customers ADD COLUMN expiration_at TEXT;
-- Male or Female; NULL when unknown.
ALTER TABLE customers ADD COLUMN gender TEXT;
ALTER TABLE customers ADD COLUMN birth_date TEXT;
ALTER TABLE customers ADD COLUMN is_company INTEGER NOT NULL DEFAULT 0;
-- JSON objects ({name, crn, vatId, taxId}; {street, city, postalCode, country, note}); NULL when absent.
ALTER TABLE customers ADD COLUMN company TEXT;
ALTER TABLE customers ADD COLUMN address TEXT;
ALTER TABLE customers ADD COLUMN delivery_address TEXT;
-- Loyalty credit per unit of spend, in hundredths (like discount_rate).
ALTER TABLE customers ADD COLUMN credit_rate INTEGER NOT NULL DEFAULT 0;
-- JSON object of string values.
ALTER TABLE customers ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';

-- Filters of the Portos list.
CREATE INDEX customers_external_identifier ON customers (organizer_id, external_identifier);
CREATE INDEX customers_expiration ON customers (organizer_id, expiration_at);

-- Any change to a customer bumps its version (an explicit version write is left alone).
CREATE TRIGGER customers_version_on_update AFTER UPDATE ON customers
WHEN NEW.version = OLD.version
BEGIN
    UPDATE customers SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER customers_version_on_card_insert AFTER INSERT ON cards
BEGIN
    UPDATE customers SET version = version + 1 WHERE id = NEW.customer_id;
END;
CREATE TRIGGER customers_version_on_card_update AFTER UPDATE ON cards
BEGIN
    UPDATE customers SET version = version + 1 WHERE id = NEW.customer_id;
END;
CREATE TRIGGER customers_version_on_credit AFTER INSERT ON credit_entries
BEGIN
    UPDATE customers SET version = version + 1 WHERE id = NEW.customer_id;
END;

-- `Search`: first name, last name (the stored name), company name, VAT id, tax id and note.
CREATE VIRTUAL TABLE customers_search USING fts5 (
    text,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);
INSERT INTO customers_search (rowid, text)
    SELECT id, concat_ws(' ', name, json_extract(company, '$.name'), json_extract(company, '$.vatId'),
                         json_extract(company, '$.taxId'), notes)
    FROM customers;
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
BEGIN
    INSERT INTO customers_search (rowid, text) VALUES (NEW.id, concat_ws(' ', NEW.name,
        json_extract(NEW.company, '$.name'), json_extract(NEW.company, '$.vatId'),
        json_extract(NEW.company, '$.taxId'), NEW.notes));
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF name, company, notes ON customers
BEGIN
    DELETE FROM customers_search WHERE rowid = OLD.id;
    INSERT INTO customers_search (rowid, text) VALUES (NEW.id, concat_ws(' ', NEW.name,
        json_extract(NEW.company, '$.name'), json_extract(NEW.company, '$.vatId'),
        json_extract(NEW.company, '$.taxId'), NEW.notes));
END;
