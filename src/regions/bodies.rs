//! Local bodies of a kecamatan that need no data entry: the Kecamatan office (Camat) and the
//! Koramil. Like PPK and Panwascam they follow from the regions, but they are not made for all
//! ~7,200 kecamatan up front: the meeting form offers them for the kecamatan of its area as
//! `camat:<code>` / `koramil:<code>`, and the first meeting that names one creates its
//! institution row (in the meeting's transaction). Once a body of that kind exists in the
//! kecamatan (made so, imported, generated or typed in by an officer), the real row is offered
//! instead and reused.

use sqlx::{PgConnection, PgExecutor};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum LocalBody {
    /// The Kecamatan office, headed by the Camat (kind `kecamatan`, local government).
    Camat,
    /// The Koramil, the TNI's kecamatan-level command (kind `koramil`).
    Koramil,
}

impl LocalBody {
    pub const ALL: [LocalBody; 2] = [LocalBody::Camat, LocalBody::Koramil];

    /// The institution kind of the body.
    pub fn kind(self) -> &'static str {
        match self {
            LocalBody::Camat => "kecamatan",
            LocalBody::Koramil => "koramil",
        }
    }

    /// The prefix of its choice value in a form.
    fn prefix(self) -> &'static str {
        match self {
            LocalBody::Camat => "camat",
            LocalBody::Koramil => "koramil",
        }
    }

    /// Its usual name in kecamatan `district` ("Camat Kuala Kampar", "Koramil Kuala Kampar").
    pub fn name(self, district: &str) -> String {
        match self {
            LocalBody::Camat => format!("Camat {district}"),
            LocalBody::Koramil => format!("Koramil {district}"),
        }
    }

    /// The form value that stands for the body of kecamatan `code`.
    pub fn value(self, code: &str) -> String {
        format!("{}:{code}", self.prefix())
    }
}

/// A form value naming a local body: (body, kecamatan code), or None when it names none.
/// The code is only checked for shape here; whether the kecamatan exists and lies in the
/// officer's area is for the caller (`districts_in_area`).
pub fn parse_value(value: &str) -> Option<(LocalBody, String)> {
    let (prefix, code) = value.trim().split_once(':')?;
    let body = LocalBody::ALL.into_iter().find(|b| b.prefix() == prefix)?;
    let shape = code.len() == 8
        && code.bytes().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                b == b'.'
            } else {
                b.is_ascii_digit()
            }
        });
    shape.then(|| (body, code.to_string()))
}

/// A body offered in a form that does not exist yet.
#[derive(Clone, Debug)]
pub struct Offered {
    pub value: String,
    pub name: String,
}

/// The Camat and Koramil of each kecamatan inside `area` (a kecamatan, or a regency or
/// province code) and inside the area of police unit `unit`, that have no institution of
/// their kind yet. Camat first, then Koramil, by kecamatan name.
pub async fn offered(db: impl PgExecutor<'_>, area: &str, unit: i64) -> sqlx::Result<Vec<Offered>> {
    let kinds: Vec<String> = LocalBody::ALL
        .iter()
        .map(|b| b.kind().to_string())
        .collect();
    let rows = sqlx::query!(
        r#"select r.code, r.name, k.kind as "kind!"
           from region r cross join unnest($3::text[]) as k (kind)
           where r.level = 'district' and (r.code = $1 or r.code like $1 || '.%')
             and exists (
                 select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                 where u.path @> array[$2::bigint]
                   and (r.code = ur.region_code or r.code like ur.region_code || '.%'))
             and not exists (
                 select 1 from institution i where i.kind = k.kind and i.region_code = r.code)
           order by array_position($3::text[], k.kind), r.name
           limit 200"#,
        area,
        unit,
        &kinds[..]
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let body = LocalBody::ALL.into_iter().find(|b| b.kind() == r.kind)?;
            Some(Offered {
                value: body.value(&r.code),
                name: body.name(&r.name),
            })
        })
        .collect())
}

/// Of the kecamatan `codes`, those inside the area of police unit `unit`, with their names.
pub async fn districts_in_area(
    db: impl PgExecutor<'_>,
    codes: &[String],
    unit: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    let rows = sqlx::query!(
        r#"select r.code, r.name from region r
           where r.level = 'district' and r.code = any($1)
             and exists (
                 select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
                 where u.path @> array[$2::bigint]
                   and (r.code = ur.region_code or r.code like ur.region_code || '.%'))"#,
        codes,
        unit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.code, r.name)).collect())
}

/// The institution id of `body` in kecamatan `code` (named `district`): the first existing row
/// of its kind there, else a new one with its usual name.
pub async fn ensure(
    tx: &mut PgConnection,
    body: LocalBody,
    code: &str,
    district: &str,
) -> sqlx::Result<i64> {
    let existing = sqlx::query_scalar!(
        "select id from institution where kind = $1 and region_code = $2 order by id limit 1",
        body.kind(),
        code
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    sqlx::query_scalar!(
        "insert into institution (kind, name, region_code) values ($1, $2, $3)
         on conflict (kind, coalesce(region_code, ''), lower(name)) do update set name = institution.name
         returning id",
        body.kind(),
        body.name(district),
        code
    )
    .fetch_one(&mut *tx)
    .await
}

#[cfg(test)]
mod tests {
    use super::{LocalBody, parse_value};

    #[test]
    fn a_choice_value_names_a_body_and_a_kecamatan_code() {
        assert_eq!(
            parse_value("koramil:14.05.10"),
            Some((LocalBody::Koramil, "14.05.10".into()))
        );
        assert_eq!(
            parse_value(&LocalBody::Camat.value("61.04.05")),
            Some((LocalBody::Camat, "61.04.05".into()))
        );
        for bad in [
            "",
            "12",
            "new",
            "koramil:",
            "koramil:14.05",
            "kodim:14.05.10",
            "camat:14.05.1x",
            "camat:14.05.10.2001",
        ] {
            assert_eq!(parse_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn bodies_get_their_usual_names() {
        assert_eq!(LocalBody::Camat.name("Kuala Kampar"), "Camat Kuala Kampar");
        assert_eq!(
            LocalBody::Koramil.name("Kuala Kampar"),
            "Koramil Kuala Kampar"
        );
    }
}
