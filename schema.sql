-- The OrgModel schema: the one and only copy. The library embeds this file at
-- build time and applies it to a new database in one transaction.
--
-- Conventions
--   * Keys are what users type; ids are private. Keys are unique without regard
--     to (ASCII) case, so `PM-Payments` cannot sit beside `pm-payments`.
--   * The solid reporting line is a column (role.manager_id), so a role can never
--     have two line managers. Dotted lines live in their own table.
--   * role.path is a materialised path label: the role's ancestors' ids, root
--     first, each encoded as a self-delimiting, order-preserving segment. A whole
--     reporting subtree is therefore one range of the unique index on path, and
--     ordering by path is a depth-first walk of the chart.

PRAGMA application_id = 1330792269; -- 0x4F52474D, "ORGM"

CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL COLLATE NOCASE
                         CHECK (length(key) BETWEEN 1 AND 64
                                AND key NOT GLOB '*[^A-Za-z0-9._-]*'),
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind         TEXT    NOT NULL
                         CHECK (kind IN ('company', 'division', 'department', 'pmo',
                                         'programme', 'portfolio', 'project', 'team')),
    pmo_type     TEXT    CHECK (pmo_type IN ('supportive', 'controlling',
                                             'directive', 'enterprise')),
    parent_id    INTEGER REFERENCES unit (id),
    head_role_id INTEGER REFERENCES role (id) ON DELETE SET NULL,
    -- A PMO always has a type, and nothing else has one.
    CHECK ((kind = 'pmo') = (pmo_type IS NOT NULL)),
    CHECK (parent_id IS NOT id)
);
CREATE UNIQUE INDEX unit_key ON unit (key);
CREATE INDEX unit_parent ON unit (parent_id);
CREATE INDEX unit_head ON unit (head_role_id);

CREATE TABLE role (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL COLLATE NOCASE
                         CHECK (length(key) BETWEEN 1 AND 64
                                AND key NOT GLOB '*[^A-Za-z0-9._-]*'),
    title        TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    holder       TEXT    CHECK (length(holder) BETWEEN 1 AND 200),
    unit_id      INTEGER REFERENCES unit (id),
    grade        INTEGER,
    -- Money in minor units (cents) so roll-ups are exact.
    salary_minor INTEGER CHECK (salary_minor >= 0),
    currency     TEXT    CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    -- A rung on a career ladder, when set explicitly; otherwise the title places it.
    rung         TEXT    CHECK (rung IN ('pmo-coordinator', 'pmo-analyst', 'pmo-manager',
                                         'pmo-director', 'chief-project-officer',
                                         'project-manager', 'programme-manager',
                                         'portfolio-manager', 'head-of-projects')),
    manager_id   INTEGER REFERENCES role (id),
    path         TEXT    NOT NULL,
    depth        INTEGER NOT NULL CHECK (depth >= 0),
    CHECK ((salary_minor IS NULL) = (currency IS NULL)),
    CHECK (manager_id IS NOT id),
    CHECK ((manager_id IS NULL) = (depth = 0))
);
-- Uniqueness lives in named indexes rather than column constraints, so that
-- a bulk import into an empty table can drop them and build them once at the end.
CREATE UNIQUE INDEX role_key ON role (key);
CREATE UNIQUE INDEX role_path ON role (path);
CREATE INDEX role_manager ON role (manager_id);
CREATE INDEX role_unit ON role (unit_id);

CREATE TABLE dotted_line (
    role_id    INTEGER NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    manager_id INTEGER NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, manager_id),
    CHECK (role_id <> manager_id)
) WITHOUT ROWID;
CREATE INDEX dotted_line_manager ON dotted_line (manager_id, role_id);

-- A PMO governs projects, programmes or other units: that is how a PMO's
-- type reaches the project managers it oversees. A unit has at most one
-- governing PMO.
CREATE TABLE governance (
    unit_id INTEGER PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,
    pmo_id  INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    CHECK (unit_id <> pmo_id)
);
CREATE INDEX governance_pmo ON governance (pmo_id);

CREATE TRIGGER governance_by_pmo BEFORE INSERT ON governance
WHEN (SELECT kind FROM unit WHERE id = NEW.pmo_id) IS NOT 'pmo'
BEGIN
    SELECT RAISE(ABORT, 'only a PMO governs units');
END;

-- Roles and units share one namespace of keys, so that a command taking
-- "a role or a unit" is never ambiguous.
CREATE TRIGGER role_key_free BEFORE INSERT ON role
WHEN EXISTS (SELECT 1 FROM unit WHERE key = NEW.key)
BEGIN
    SELECT RAISE(ABORT, 'key already names a unit');
END;

CREATE TRIGGER unit_key_free BEFORE INSERT ON unit
WHEN EXISTS (SELECT 1 FROM role WHERE key = NEW.key)
BEGIN
    SELECT RAISE(ABORT, 'key already names a role');
END;


-- ---------------------------------------------------------------------------
-- @since 2: history
-- Every write is one change, recorded in the same transaction as the write.
-- A change keeps before-images only: the rows it updated or deleted as they
-- were, and markers for the rows it inserted where ids alone cannot tell.
-- Rows it inserted with ids above the highest id before the change (the
-- normal case, and every row of an import) need no record at all: the id
-- range (role_seq, role_seq_end] names them. So an import of a million roles
-- costs one row here, and undoing a change, or rebuilding the chart as of a
-- date, is applying before-images newest first.

CREATE TABLE change (
    id           INTEGER PRIMARY KEY,
    -- UTC timestamps, 'YYYY-MM-DDTHH:MM:SS.sssZ', so text order is time order.
    recorded_at  TEXT    NOT NULL,
    -- When the change takes effect: by default when it was recorded; earlier
    -- for a change recorded late, later for a planned reorganisation.
    effective_at TEXT    NOT NULL,
    -- The command as the user typed it, for people reading the history.
    command      TEXT    NOT NULL,
    -- What changed, in plain words, one line each (capped for big changes).
    summary      TEXT    NOT NULL DEFAULT '',
    -- The change this one reverted, for `undo`.
    undoes       INTEGER REFERENCES change (id),
    -- The highest role and unit ids before the change and after it; the
    -- ends are NULL while the change's transaction is still writing.
    role_seq     INTEGER NOT NULL,
    role_seq_end INTEGER,
    unit_seq     INTEGER NOT NULL,
    unit_seq_end INTEGER
);
CREATE INDEX change_effective ON change (effective_at);
CREATE INDEX change_undoes ON change (undoes);

-- existed = 0 marks a row the change inserted with an id at or below
-- role_seq; otherwise the columns hold the row as it was before the change.
-- The first image of a row in a change wins (INSERT OR IGNORE).
CREATE TABLE role_was (
    change_id    INTEGER NOT NULL,
    id           INTEGER NOT NULL,
    existed      INTEGER NOT NULL,
    key          TEXT COLLATE NOCASE,
    title        TEXT,
    holder       TEXT,
    unit_id      INTEGER,
    grade        INTEGER,
    salary_minor INTEGER,
    currency     TEXT,
    rung         TEXT,
    manager_id   INTEGER,
    PRIMARY KEY (change_id, id)
) WITHOUT ROWID;
-- A row's images in change order: the image after a change's is the row as
-- that change left it, which is what reverting one change on its own needs.
CREATE INDEX role_was_row ON role_was (id, change_id);

CREATE TABLE unit_was (
    change_id    INTEGER NOT NULL,
    id           INTEGER NOT NULL,
    existed      INTEGER NOT NULL,
    key          TEXT COLLATE NOCASE,
    name         TEXT,
    kind         TEXT,
    pmo_type     TEXT,
    parent_id    INTEGER,
    head_role_id INTEGER,
    PRIMARY KEY (change_id, id)
) WITHOUT ROWID;
CREATE INDEX unit_was_row ON unit_was (id, change_id);

CREATE TABLE dotted_line_was (
    change_id  INTEGER NOT NULL,
    role_id    INTEGER NOT NULL,
    manager_id INTEGER NOT NULL,
    existed    INTEGER NOT NULL,
    PRIMARY KEY (change_id, role_id, manager_id)
) WITHOUT ROWID;
CREATE INDEX dotted_line_was_line ON dotted_line_was (role_id, manager_id, change_id);

CREATE TABLE governance_was (
    change_id INTEGER NOT NULL,
    unit_id   INTEGER NOT NULL,
    existed   INTEGER NOT NULL,
    pmo_id    INTEGER,
    PRIMARY KEY (change_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX governance_was_unit ON governance_was (unit_id, change_id);

-- The triggers record into the open change: the newest, until its write
-- ends and sets role_seq_end. Rows with ids above the
-- change's starting sequence were created by it and need no image; path and
-- depth are derived from manager_id, so relabelling a moved subtree records
-- nothing but the one role that moved.
CREATE TRIGGER history_role_insert AFTER INSERT ON role
WHEN NEW.id <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO role_was (change_id, id, existed)
    VALUES ((SELECT max(id) FROM change), NEW.id, 0);
END;

-- history_role_update: see section 3.

CREATE TRIGGER history_role_delete AFTER DELETE ON role
WHEN OLD.id <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO role_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.title, OLD.holder, OLD.unit_id,
            OLD.grade, OLD.salary_minor, OLD.currency, OLD.rung, OLD.manager_id);
END;

CREATE TRIGGER history_unit_insert AFTER INSERT ON unit
WHEN NEW.id <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO unit_was (change_id, id, existed)
    VALUES ((SELECT max(id) FROM change), NEW.id, 0);
END;

CREATE TRIGGER history_unit_update AFTER UPDATE ON unit
WHEN (OLD.key IS NOT NEW.key OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind
      OR OLD.pmo_type IS NOT NEW.pmo_type OR OLD.parent_id IS NOT NEW.parent_id
      OR OLD.head_role_id IS NOT NEW.head_role_id OR OLD.id IS NOT NEW.id)
 AND OLD.id <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO unit_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.name, OLD.kind, OLD.pmo_type,
            OLD.parent_id, OLD.head_role_id);
END;

CREATE TRIGGER history_unit_delete AFTER DELETE ON unit
WHEN OLD.id <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO unit_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.name, OLD.kind, OLD.pmo_type,
            OLD.parent_id, OLD.head_role_id);
END;

-- A line to or from a role the change created goes when that role goes.
CREATE TRIGGER history_dotted_line_insert AFTER INSERT ON dotted_line
WHEN max(NEW.role_id, NEW.manager_id) <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO dotted_line_was
    VALUES ((SELECT max(id) FROM change), NEW.role_id, NEW.manager_id, 0);
END;

CREATE TRIGGER history_dotted_line_delete AFTER DELETE ON dotted_line
WHEN max(OLD.role_id, OLD.manager_id) <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO dotted_line_was
    VALUES ((SELECT max(id) FROM change), OLD.role_id, OLD.manager_id, 1);
END;

CREATE TRIGGER history_governance_insert AFTER INSERT ON governance
WHEN max(NEW.unit_id, NEW.pmo_id) <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO governance_was
    VALUES ((SELECT max(id) FROM change), NEW.unit_id, 0, NULL);
END;

CREATE TRIGGER history_governance_update AFTER UPDATE ON governance
WHEN max(OLD.unit_id, OLD.pmo_id) <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO governance_was
    VALUES ((SELECT max(id) FROM change), OLD.unit_id, 1, OLD.pmo_id);
END;

CREATE TRIGGER history_governance_delete AFTER DELETE ON governance
WHEN max(OLD.unit_id, OLD.pmo_id) <= (SELECT unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO governance_was
    VALUES ((SELECT max(id) FROM change), OLD.unit_id, 1, OLD.pmo_id);
END;

PRAGMA user_version = 2;


-- ---------------------------------------------------------------------------
-- @since 3: the role-update trigger names the columns it records
-- Relabelling a moved branch assigns only path and depth, which no image
-- keeps (they follow from manager_id). With the recorded columns named,
-- SQLite does not start the trigger for those rows at all, instead of
-- comparing ten columns per row: a fifth less time to move a large branch.
-- This replaces the trigger version 2 created under the same name.

DROP TRIGGER IF EXISTS history_role_update;
CREATE TRIGGER history_role_update
AFTER UPDATE OF id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id ON role
-- An update of these columns that leaves them all as they were records nothing.
WHEN (OLD.manager_id IS NOT NEW.manager_id OR OLD.holder IS NOT NEW.holder
      OR OLD.title IS NOT NEW.title OR OLD.unit_id IS NOT NEW.unit_id
      OR OLD.grade IS NOT NEW.grade OR OLD.salary_minor IS NOT NEW.salary_minor
      OR OLD.currency IS NOT NEW.currency OR OLD.rung IS NOT NEW.rung
      OR OLD.key IS NOT NEW.key OR OLD.id IS NOT NEW.id)
 AND OLD.id <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO role_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.title, OLD.holder, OLD.unit_id,
            OLD.grade, OLD.salary_minor, OLD.currency, OLD.rung, OLD.manager_id);
END;

PRAGMA user_version = 3;


-- ---------------------------------------------------------------------------
-- @since 4: the name index behind find
-- The folded words (lower case, accents and apostrophes gone) of every
-- role's holder and title and every unit's name, for word-prefix range
-- scans. Folding needs Unicode tables SQLite lacks, so the library computes
-- the words: these triggers only note each row whose indexed text changed in
-- search_stale, and the library folds the noted rows before each write
-- commits (a reader folds any it finds itself). The triggers are plain SQL,
-- so other programs, the sqlite3 shell among them, can still write the file.

CREATE TABLE search_term (
    term  TEXT    NOT NULL,
    -- A role's id, or a unit's id negated.
    owner INTEGER NOT NULL,
    -- 0: a word of the holder or unit name; 1: a word of the title;
    -- 2: the whole holder or unit name, its words joined by single spaces.
    field INTEGER NOT NULL,
    PRIMARY KEY (term, owner, field)
) WITHOUT ROWID;
CREATE INDEX search_term_owner ON search_term (owner, term);

CREATE TABLE search_stale (
    owner INTEGER PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER search_role_insert AFTER INSERT ON role
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (NEW.id);
END;

CREATE TRIGGER search_role_update AFTER UPDATE OF holder, title ON role
WHEN OLD.holder IS NOT NEW.holder OR OLD.title IS NOT NEW.title
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (NEW.id);
END;

CREATE TRIGGER search_role_delete AFTER DELETE ON role
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (OLD.id);
END;

CREATE TRIGGER search_unit_insert AFTER INSERT ON unit
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (-NEW.id);
END;

CREATE TRIGGER search_unit_update AFTER UPDATE OF name ON unit
WHEN OLD.name IS NOT NEW.name
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (-NEW.id);
END;

CREATE TRIGGER search_unit_delete AFTER DELETE ON unit
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES (-OLD.id);
END;

-- A chart from an earlier version is indexed by the write that upgrades it.
INSERT INTO search_stale SELECT id FROM role;
INSERT INTO search_stale SELECT -id FROM unit;

PRAGMA user_version = 4;


-- ---------------------------------------------------------------------------
-- @since 5: access tokens for the web server
-- Who may read or edit the chart over the network. Only the SHA-256 of each
-- secret is kept (as lower-case hex): the secret is shown once, when the
-- token is made, and a copy of this file gives nobody a way in. A token is
-- not part of the chart, so making or revoking one records no change.

CREATE TABLE access_token (
    name    TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    digest  TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
    level   TEXT NOT NULL CHECK (level IN ('read', 'edit')),
    -- The key of the role whose branch (it and everyone below it) is all the
    -- token sees; NULL for the whole chart. A key, not a role id: a branch
    -- whose role is removed shows nothing rather than something else.
    branch  TEXT,
    -- 'YYYY-MM-DDTHH:MM:SS.sssZ', as the history's timestamps.
    created TEXT NOT NULL
) WITHOUT ROWID;

PRAGMA user_version = 5;


-- ---------------------------------------------------------------------------
-- @since 6: assistants
-- A role can be the assistant of the role it reports to: a flag on the role,
-- not a second line, so an assistant always reports (solid) to the role it
-- assists, and can be neither its own assistant nor part of a loop. A move
-- to another manager clears the flag in the statement that moves the role.
-- Assistants are left out of span-of-control counts.

ALTER TABLE role ADD COLUMN assistant INTEGER NOT NULL DEFAULT 0 CHECK (assistant IN (0, 1));
-- Few roles are assistants: this index finds a manager's assistants, and
-- whether there are any, without touching the others.
CREATE INDEX role_assistant ON role (manager_id) WHERE assistant = 1;

-- The history keeps the flag in every image; earlier images read as "not an assistant".
ALTER TABLE role_was ADD COLUMN assistant INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER IF EXISTS history_role_update;
CREATE TRIGGER history_role_update
AFTER UPDATE OF id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id, assistant ON role
-- An update of these columns that leaves them all as they were records nothing.
WHEN (OLD.manager_id IS NOT NEW.manager_id OR OLD.holder IS NOT NEW.holder
      OR OLD.title IS NOT NEW.title OR OLD.unit_id IS NOT NEW.unit_id
      OR OLD.grade IS NOT NEW.grade OR OLD.salary_minor IS NOT NEW.salary_minor
      OR OLD.currency IS NOT NEW.currency OR OLD.rung IS NOT NEW.rung
      OR OLD.key IS NOT NEW.key OR OLD.id IS NOT NEW.id OR OLD.assistant IS NOT NEW.assistant)
 AND OLD.id <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO role_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.title, OLD.holder, OLD.unit_id,
            OLD.grade, OLD.salary_minor, OLD.currency, OLD.rung, OLD.manager_id, OLD.assistant);
END;

DROP TRIGGER IF EXISTS history_role_delete;
CREATE TRIGGER history_role_delete AFTER DELETE ON role
WHEN OLD.id <= (SELECT role_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL)
BEGIN
    INSERT OR IGNORE INTO role_was
    VALUES ((SELECT max(id) FROM change), OLD.id, 1, OLD.key, OLD.title, OLD.holder, OLD.unit_id,
            OLD.grade, OLD.salary_minor, OLD.currency, OLD.rung, OLD.manager_id, OLD.assistant);
END;

PRAGMA user_version = 6;

-- @since 7: whole names found without reading the words like them
-- A one-word search's whole-name match (a holder or a unit called just
-- "Fischer") shares its term with every name word "fischer", which the
-- primary key orders by owner: finding the few whole names read all the
-- words (23,000 rows, 5 ms, for a common surname at a million roles). This
-- index holds the whole names alone.
CREATE INDEX search_term_whole_name ON search_term (term) WHERE field = 2;

PRAGMA user_version = 7;
