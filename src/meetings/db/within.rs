//! Where a list looks: the reader's scope and the unit filter as the indexed columns.

use sqlx::PgExecutor;

use crate::auth::Scope;

/// Where a list looks: the scope and the unit filter combined, as the columns that index the
/// meetings (`polda_id`, `polres_id`, `host_unit_id`, each with `starts_at`), so a Polda's
/// newest rakor are read in date order from one index instead of intersecting the whole
/// `unit_path` GIN posting list with a date range.
#[derive(Debug, Default, PartialEq)]
pub struct Within {
    pub everything: bool,
    pub polda: Option<i64>,
    pub polres: Option<i64>,
    pub host: Option<i64>,
    pub institution: Option<i64>,
}

impl Within {
    /// The narrowing for a unit of `level`: none for Mabes (every meeting is under it).
    fn unit(level: &str, id: i64) -> Self {
        match level {
            "mabes" => Within {
                everything: true,
                ..Default::default()
            },
            "polda" => Within {
                polda: Some(id),
                ..Default::default()
            },
            "polres" => Within {
                polres: Some(id),
                ..Default::default()
            },
            _ => Within {
                host: Some(id),
                ..Default::default()
            },
        }
    }

    /// `scope` narrowed to the unit filter `(id, level, path)`; `None` when the unit lies outside
    /// the scope (the list is then empty, as for a forged id anywhere else).
    pub fn of(
        scope: Scope,
        scope_level: Option<&str>,
        unit: Option<(i64, &str, &[i64])>,
    ) -> Option<Self> {
        let mut w = match (scope.national, scope.unit, scope.institution) {
            (true, _, _) => Within {
                everything: true,
                ..Default::default()
            },
            (false, Some(u), _) => Within::unit(scope_level?, u),
            (false, None, Some(i)) => Within {
                institution: Some(i),
                ..Default::default()
            },
            (false, None, None) => return None,
        };
        if let Some((id, level, path)) = unit {
            if let Some(u) = scope.unit.filter(|_| !scope.national)
                && !path.contains(&u)
            {
                return None;
            }
            // The filter unit lies inside the scope, so it alone narrows; an official stays
            // bound to their institution.
            let narrower = Within::unit(level, id);
            w = Within {
                everything: narrower.everything && w.institution.is_none(),
                institution: w.institution,
                ..narrower
            };
        }
        Some(w)
    }
}

/// A unit as `within` reads it: its id, level and path.
#[derive(Debug, serde::Deserialize)]
pub struct FoundUnit {
    pub id: i64,
    pub level: String,
    pub path: Vec<i64>,
}

/// `Within` for `scope` and the unit filter, given the rows of both units (`rows`).
pub fn resolve(scope: Scope, unit: Option<i64>, rows: &[FoundUnit]) -> Option<Within> {
    let find = |id: Option<i64>| id.and_then(|id| rows.iter().find(|r| r.id == id));
    let scope_level = find(scope.unit).map(|r| r.level.as_str());
    let filter = match unit {
        None => None,
        Some(id) => Some(find(Some(id)).map(|r| (r.id, r.level.as_str(), r.path.as_slice()))?),
    };
    Within::of(scope, scope_level, filter)
}

/// What a list looking in `unit` (else the scope's unit, else the whole country) is kept under:
/// that unit's subtree version and row 0 (migrations 20261129000400, 20261130000600).
pub async fn list_versions(db: impl PgExecutor<'_>, unit: Option<i64>) -> sqlx::Result<[i64; 2]> {
    let r = sqlx::query!(
        r#"select coalesce((select v from dash_unit_version
                            where unit_id = coalesce($1, (select id from police_unit where parent_id is null
                                                          order by id limit 1))), 0) as "subtree!",
                  coalesce((select v from dash_unit_version where unit_id = 0), 0) as "structure!""#,
        unit
    )
    .fetch_one(db)
    .await?;
    Ok([r.subtree, r.structure])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_scope(id: i64) -> Scope {
        Scope {
            national: false,
            unit: Some(id),
            institution: None,
        }
    }

    #[test]
    fn a_national_list_reads_everything_and_a_unit_filter_narrows_it_to_that_units_column() {
        let national = Scope {
            national: true,
            unit: None,
            institution: None,
        };
        let all = Within::of(national, None, None).unwrap();
        assert!(all.everything);
        let polres = Within::of(national, None, Some((7, "polres", &[1, 2, 7]))).unwrap();
        assert_eq!((polres.everything, polres.polres), (false, Some(7)));
    }

    #[test]
    fn a_polda_commander_reads_by_polda_and_a_polsek_filter_by_host() {
        assert_eq!(
            Within::of(unit_scope(2), Some("polda"), None)
                .unwrap()
                .polda,
            Some(2)
        );
        let polsek = Within::of(
            unit_scope(2),
            Some("polda"),
            Some((30, "polsek", &[1, 2, 7, 30])),
        );
        let polsek = polsek.unwrap();
        assert_eq!((polsek.polda, polsek.host), (None, Some(30)));
    }

    #[test]
    fn a_unit_filter_outside_the_scope_finds_nothing() {
        assert_eq!(
            Within::of(
                unit_scope(2),
                Some("polda"),
                Some((40, "polsek", &[1, 3, 9, 40]))
            ),
            None
        );
        assert_eq!(
            Within::of(
                unit_scope(30),
                Some("polsek"),
                Some((7, "polres", &[1, 2, 7]))
            ),
            None
        );
    }

    #[test]
    fn an_official_keeps_the_institution_bound_under_any_unit_filter() {
        let official = Scope {
            national: false,
            unit: None,
            institution: Some(5),
        };
        let w = Within::of(official, None, Some((1, "mabes", &[1]))).unwrap();
        assert_eq!((w.everything, w.institution), (false, Some(5)));
        let w = Within::of(official, None, Some((7, "polres", &[1, 2, 7]))).unwrap();
        assert_eq!((w.institution, w.polres), (Some(5), Some(7)));
    }

    #[test]
    fn no_scope_or_an_unknown_scope_unit_reads_nothing() {
        let nobody = Scope {
            national: false,
            unit: None,
            institution: None,
        };
        assert_eq!(Within::of(nobody, None, None), None);
        assert_eq!(Within::of(unit_scope(2), None, None), None);
        assert!(
            Within::of(unit_scope(1), Some("mabes"), None)
                .unwrap()
                .everything
        );
    }
}
