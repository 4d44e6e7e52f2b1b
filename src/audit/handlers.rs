//! The audit page: newest first, filterable by person and record, scoped in SQL.

use askama::Template;
use axum::response::Html;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::auth::{Signed, policy};
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Query, render};

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    user: String,
    #[serde(default)]
    record: String,
    #[serde(default)]
    before: Option<i64>,
}

pub struct Row {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl Row {
    pub fn when(&self) -> String {
        crate::web::fmt::datetime(self.at, chrono_tz::Asia::Jakarta)
    }
    pub fn record(&self) -> String {
        match self.record_id {
            Some(id) => format!("{} #{id}", self.record_type),
            None => self.record_type.clone(),
        }
    }
    pub fn diff(&self) -> String {
        let show =
            |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        let (b, a) = (show(&self.before), show(&self.after));
        let mut s = String::new();
        if !b.is_empty() {
            s.push_str("sebelum: ");
            s.push_str(&b);
        }
        if !a.is_empty() {
            if !s.is_empty() {
                s.push_str(" → ");
            }
            s.push_str("sesudah: ");
            s.push_str(&a);
        }
        s.chars().take(600).collect()
    }
}

#[derive(Template)]
#[template(path = "audit/list.html")]
pub struct AuditPage {
    pub ctx: Ctx,
    pub user: String,
    pub record: String,
    pub rows: Vec<Row>,
    pub next: Option<String>,
    /// The hash chain: head and whether it verifies (`kit::audit::chain`).
    pub chain: crate::kit::audit::chain::Report,
}

pub async fn list(
    Signed(state, ctx, me): Signed,
    Query(f): Query<Filter>,
) -> AppResult<Html<String>> {
    if !policy::may_read_audit(&me) {
        return Err(AppError::Forbidden);
    }
    let scope = me.scope();
    let user_filter = f.user.trim().to_lowercase();
    let (record_type, record_id) = match f.record.trim().split_once('#') {
        Some((t, id)) => (t.trim().to_string(), id.trim().parse::<i64>().ok()),
        None => (f.record.trim().to_string(), None),
    };
    let rows = sqlx::query_as!(
        Row,
        r#"select id, at, actor, role, action, record_type, record_id, before, after, request_id
           from audit_log
           where ($1 or unit_path @> array[$2::bigint])
             and ($3 = '' or actor = $3)
             and ($4 = '' or record_type = $4)
             and ($5::bigint is null or record_id = $5)
             and ($6::bigint is null or id < $6)
           order by id desc limit 51"#,
        scope.national,
        scope.unit,
        user_filter,
        record_type,
        record_id,
        f.before
    )
    .fetch_all(&state.lists)
    .await?;
    let mut rows = rows;
    let next = (rows.len() > 50).then(|| {
        rows.truncate(50);
        let last = rows.last().map(|r| r.id).unwrap_or_default();
        format!(
            "/audit?user={}&record={}&before={last}",
            crate::web::url_encode(&f.user),
            crate::web::url_encode(&f.record)
        )
    });
    let chain = state.audit_chain.report(&state.pool).await?;
    render(AuditPage {
        chain,
        ctx,
        user: f.user,
        record: f.record,
        rows,
        next,
    })
}
