"""The two scopes a permission is granted in (dashboard.permissions): any province, or only
the user's own. Apart from the permission table so that a record kind's description
(dashboard.kinds) can name the roles that edit its records: the table reads the kinds."""

ALL = "all"
OWN = "own_province"
