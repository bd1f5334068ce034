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

PRAGMA user_version = 1;
